import { Link } from 'wouter';
import { LoadState } from '../../../app/load-state.tsx';
import { useLoad } from '../../../lib/use-api.ts';
import { getCourse } from '../api/get-course.ts';

export function CourseMap() {
  const course = useLoad('course', getCourse);
  return (
    <main className="course-map">
      <h1>Learn Redis by doing</h1>
      <p className="lead">
        Short lessons, each with an exercise your code must pass against a real Redis.
      </p>
      <LoadState loadable={course}>
        {({ lessons }) => (
          <ol className="lessons">
            {lessons.map((lesson) => (
              <li key={lesson.id}>
                <Link href={`/lessons/${lesson.id}`} className="lesson-card">
                  <span className="lesson-title">{lesson.title}</span>
                  <span className="lesson-summary">{lesson.summary}</span>
                  <span className="lesson-meta">
                    {lesson.minutes} min · {lesson.exercises.length} exercise
                    {lesson.exercises.length === 1 ? '' : 's'}
                  </span>
                </Link>
              </li>
            ))}
          </ol>
        )}
      </LoadState>
    </main>
  );
}
