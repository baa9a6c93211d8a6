import { useEffect } from 'react';
import { Link } from 'wouter';
import { LoadState } from '../../../app/load-state.tsx';
import { NotFound } from '../../../app/not-found.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useLoad } from '../../../lib/use-api.ts';
import { KeyBrowser } from '../../console/components/key-browser.tsx';
import { RedisConsole } from '../../console/components/redis-console.tsx';
import { ConsoleProvider } from '../../console/console-context.tsx';
import { ExercisePanel } from '../../exercise/components/exercise-panel.tsx';
import { warmEditorSoon } from '../../exercise/warm-editor-soon.ts';
import { useCourseVersion } from '../../preview/live-preview.ts';
import { visitLesson } from '../../progress/progress-store.ts';
import { getLesson } from '../api/get-lesson.ts';
import { LessonText } from './lesson-text.tsx';
import { SplitView } from './split-view.tsx';

export function LessonPage({ id }: { id: string }) {
  const lesson = useLoad(`lesson:${id}`, () => getLesson(id), useCourseVersion());
  const found = lesson.state === 'ready';
  // Recorded once the lesson is known to exist; the page's progress loads after it.
  useEffect(() => {
    if (found) visitLesson(id);
  }, [found, id]);
  const hasExercises = found && lesson.data.exercises.length > 0;
  useEffect(() => {
    if (hasExercises) warmEditorSoon();
  }, [hasExercises]);
  if (
    lesson.state === 'failed' &&
    lesson.error instanceof ApiError &&
    lesson.error.status === 404
  ) {
    return <NotFound title="No such lesson" detail={lesson.error.message} />;
  }
  return (
    <main className="lesson-page">
      <LoadState loadable={lesson}>
        {(data) => (
          <ConsoleProvider>
            <SplitView
              start={
                <article className="lesson">
                  <nav className="breadcrumbs">
                    <Link href="/">Course</Link>
                  </nav>
                  <h1>{data.title}</h1>
                  {data.exercises.length > 0 && (
                    // Stacked on a phone, the exercise comes after the whole lesson: thousands of
                    // pixels down. Shown only there (styles.css).
                    <a className="to-exercise" href="#exercises">
                      Go to the exercise{data.exercises.length > 1 ? 's' : ''} ↓
                    </a>
                  )}
                  <LessonText lesson={data.id} html={data.html} />
                </article>
              }
              end={
                <aside
                  id="exercises"
                  tabIndex={-1}
                  className="exercises"
                  aria-label="Exercise and Redis"
                >
                  {data.exercises.map((exerciseId) => (
                    <ExercisePanel key={exerciseId} id={exerciseId} />
                  ))}
                  <RedisConsole />
                  <KeyBrowser />
                </aside>
              }
            />
          </ConsoleProvider>
        )}
      </LoadState>
    </main>
  );
}
