import { Link } from 'wouter';
import { LoadState } from '../../../app/load-state.tsx';
import { useLoad } from '../../../lib/use-api.ts';
import { ExercisePanel } from '../../exercise/components/exercise-panel.tsx';
import { getLesson } from '../api/get-lesson.ts';

export function LessonPage({ id }: { id: string }) {
  const lesson = useLoad(`lesson:${id}`, () => getLesson(id));
  return (
    <LoadState loadable={lesson}>
      {(data) => (
        <div className="lesson-layout">
          <article className="lesson">
            <nav className="breadcrumbs">
              <Link href="/">Course</Link>
            </nav>
            <h1>{data.title}</h1>
            {/* The server renders Markdown with raw HTML disabled; the lesson is course content. */}
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server's markdown-it (html: false). */}
            <div className="prose" dangerouslySetInnerHTML={{ __html: data.html }} />
          </article>
          <aside className="exercises">
            {data.exercises.map((exerciseId) => (
              <ExercisePanel key={exerciseId} id={exerciseId} />
            ))}
          </aside>
        </div>
      )}
    </LoadState>
  );
}
