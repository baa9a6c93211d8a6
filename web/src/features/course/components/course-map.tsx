import { Link } from 'wouter';
import type { LessonSummary } from '../../../../../contracts/index.ts';
import { LoadState } from '../../../app/load-state.tsx';
import { type Loadable, useLoad } from '../../../lib/use-api.ts';
import { useCourseVersion } from '../../preview/live-preview.ts';
import { YourDevices } from '../../progress/components/your-devices.tsx';
import {
  hasPassed,
  type LessonStatus,
  lessonStatus,
  loadProgress,
  type Progress,
  usePageProgress,
} from '../../progress/progress-store.ts';
import { getCourse } from '../api/get-course.ts';

const STATUS_LABEL: Record<LessonStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
};

export function CourseMap() {
  const course = useLoad('course', getCourse, useCourseVersion());
  const progress = usePageProgress();
  // The lessons wait for the progress, so that no status shows before it is known.
  const lessons: Loadable<{ lessons: LessonSummary[] }> =
    progress.state === 'loading' ? progress : course;
  const known = progress.state === 'ready' ? progress.data : undefined;
  return (
    <main className="course-map">
      <h1>Learn Redis by doing</h1>
      <p className="lead">
        Short lessons, each with an exercise your code must pass against a real Redis.
      </p>
      <p>
        <Link href="/playground">Open the playground</Link> to try commands in a Redis of your own,
        outside the lessons.
      </p>
      <LoadState loadable={lessons}>
        {({ lessons }) => (
          <>
            {known && <Overview lessons={lessons} progress={known} />}
            {progress.state === 'failed' && <ProgressUnknown message={progress.error.message} />}
            <ol className="lessons">
              {lessons.map((lesson) => {
                const status = known && lessonStatus(known, lesson);
                return (
                  <li key={lesson.id}>
                    <Link
                      href={`/lessons/${lesson.id}`}
                      className={`lesson-card status-${status ?? 'unknown'}`}
                    >
                      <span className="lesson-title">{lesson.title}</span>
                      <span className="lesson-summary">{lesson.summary}</span>
                      <span className="lesson-meta">
                        {status && (
                          <>
                            <span className="lesson-status" data-status={status}>
                              {STATUS_LABEL[status]}
                            </span>{' '}
                            ·{' '}
                          </>
                        )}
                        {lesson.minutes} min · {lesson.exercises.length} exercise
                        {lesson.exercises.length === 1 ? '' : 's'}
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ol>
            {known && <YourDevices />}
          </>
        )}
      </LoadState>
    </main>
  );
}

/** How far the learner is, and the one link that takes them on. */
function Overview({ lessons, progress }: { lessons: LessonSummary[]; progress: Progress }) {
  const exercises = lessons.flatMap((lesson) => lesson.exercises);
  const passed = exercises.filter((id) => hasPassed(progress, id)).length;
  const unfinished = lessons.filter((lesson) => lessonStatus(progress, lesson) !== 'done');
  const last = lessons.find((lesson) => lesson.id === progress.lastLesson);
  const next = last && lessonStatus(progress, last) !== 'done' ? last : unfinished[0];
  return (
    <section className="overview" aria-label="Your progress">
      <label className="progress-label" htmlFor="course-progress">
        {passed} of {exercises.length} exercises passed
      </label>
      <progress id="course-progress" max={exercises.length} value={passed} />
      {next ? (
        <Link href={`/lessons/${next.id}`} className="continue">
          {progress.visited.length === 0 ? 'Start with' : 'Continue where you left off:'}{' '}
          <strong>{next.title}</strong>
        </Link>
      ) : (
        <p className="continue">You have passed every exercise of the course.</p>
      )}
      <Link href="/finish" className="summary-link">
        {next ? 'Your summary so far, and what is left' : 'What you did in this course'}
      </Link>
    </section>
  );
}

/** The course is there but the progress is not: say why, and offer to ask again. */
function ProgressUnknown({ message }: { message: string }) {
  return (
    <section className="overview" aria-label="Your progress">
      <p className="error" role="alert">
        Your progress could not be loaded: {message}
      </p>
      <p>
        <button type="button" className="secondary" onClick={loadProgress}>
          Try again
        </button>
      </p>
    </section>
  );
}
