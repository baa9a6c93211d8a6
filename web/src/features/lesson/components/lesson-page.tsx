import { Link } from 'wouter';
import { LoadState } from '../../../app/load-state.tsx';
import { useLoad } from '../../../lib/use-api.ts';
import { KeyBrowser } from '../../console/components/key-browser.tsx';
import { RedisConsole } from '../../console/components/redis-console.tsx';
import { ConsoleProvider } from '../../console/console-context.tsx';
import { ExercisePanel } from '../../exercise/components/exercise-panel.tsx';
import { getLesson } from '../api/get-lesson.ts';
import { LessonText } from './lesson-text.tsx';

export function LessonPage({ id }: { id: string }) {
  const lesson = useLoad(`lesson:${id}`, () => getLesson(id));
  return (
    <LoadState loadable={lesson}>
      {(data) => (
        <ConsoleProvider>
          <div className="lesson-layout">
            <article className="lesson">
              <nav className="breadcrumbs">
                <Link href="/">Course</Link>
              </nav>
              <h1>{data.title}</h1>
              <LessonText html={data.html} />
            </article>
            <aside className="exercises">
              {data.exercises.map((exerciseId) => (
                <ExercisePanel key={exerciseId} id={exerciseId} />
              ))}
              <RedisConsole />
              <KeyBrowser />
            </aside>
          </div>
        </ConsoleProvider>
      )}
    </LoadState>
  );
}
