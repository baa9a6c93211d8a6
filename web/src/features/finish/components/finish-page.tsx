import { Link } from 'wouter';
import type { LessonSummary } from '../../../../../contracts/index.ts';
import { LoadState } from '../../../app/load-state.tsx';
import { type Loadable, useLoad } from '../../../lib/use-api.ts';
import { getCourse } from '../../course/api/get-course.ts';
import { hasPassed, type Progress, usePageProgress } from '../../progress/progress-store.ts';
import { getSolutionCommands } from '../api/get-solution-commands.ts';
import { CommandsUsed } from './commands-used.tsx';

/**
 * /finish: what the learner did in the course, and what is left. Linked from the course map at
 * any time, and from the last exercise once it passes.
 */
export function FinishPage() {
  const course = useLoad('course', getCourse);
  const progress = usePageProgress();
  const commands = useLoad('solution-commands', getSolutionCommands);
  const both: Loadable<{ lessons: LessonSummary[]; progress: Progress }> =
    course.state !== 'ready'
      ? course
      : progress.state !== 'ready'
        ? progress
        : { state: 'ready', data: { lessons: course.data.lessons, progress: progress.data } };
  return (
    <main className="finish">
      <LoadState loadable={both}>
        {({ lessons, progress }) => (
          <>
            <Summary lessons={lessons} progress={progress} />
            <CommandsUsed commands={commands} />
            <WhatIsLeft lessons={lessons} progress={progress} />
            <p>
              <Link href="/">Back to the course map</Link>
            </p>
          </>
        )}
      </LoadState>
    </main>
  );
}

function Summary({ lessons, progress }: { lessons: LessonSummary[]; progress: Progress }) {
  const exercises = lessons.flatMap((lesson) => lesson.exercises);
  const passed = exercises.filter((id) => hasPassed(progress, id)).length;
  const mine = exercises.map((id) => progress.exercises[id]);
  const attempts = mine.reduce((sum, exercise) => sum + (exercise?.attempts ?? 0), 0);
  const hints = mine.reduce((sum, exercise) => sum + (exercise?.hintsShown ?? 0), 0);
  const read = lessons.filter((lesson) => progress.visited.includes(lesson.id)).length;
  const finished = passed === exercises.length;
  return (
    <>
      <h1>{finished ? 'You finished the course' : 'Your course so far'}</h1>
      <p className="lead">
        {finished
          ? 'Every exercise passed against a real Redis. Here is what it took.'
          : 'What you have done so far, and what is left to do.'}
      </p>
      <dl className="finish-numbers">
        <div>
          <dt>Exercises passed</dt>
          <dd>
            {passed} of {exercises.length}
          </dd>
        </div>
        <div>
          <dt>Submissions</dt>
          <dd>{attempts}</dd>
        </div>
        <div>
          <dt>Lessons read</dt>
          <dd>
            {read} of {lessons.length}
          </dd>
        </div>
        <div>
          <dt>Hints revealed</dt>
          <dd>{hints}</dd>
        </div>
      </dl>
    </>
  );
}

function WhatIsLeft({ lessons, progress }: { lessons: LessonSummary[]; progress: Progress }) {
  const left = lessons.flatMap((lesson, index) => {
    const read = progress.visited.includes(lesson.id);
    const open = lesson.exercises.filter((id) => !hasPassed(progress, id)).length;
    return read && open === 0 ? [] : [{ lesson, number: index + 1, read, open }];
  });
  return (
    <section aria-labelledby="finish-left-title">
      <h2 id="finish-left-title">What is left</h2>
      {left.length === 0 ? (
        <p>Nothing: you have read every lesson and passed every exercise.</p>
      ) : (
        <ul className="finish-left">
          {left.map(({ lesson, number, read, open }) => (
            <li key={lesson.id}>
              <Link href={`/lessons/${lesson.id}`}>
                {number}. {lesson.title}
              </Link>
              <span className="muted">
                {' '}
                —{' '}
                {[
                  read ? undefined : 'not read yet',
                  open === 0 ? undefined : `${open} exercise${open === 1 ? '' : 's'} to pass`,
                ]
                  .filter(Boolean)
                  .join(', ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
