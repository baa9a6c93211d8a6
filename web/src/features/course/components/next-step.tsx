import { Link } from 'wouter';
import type { LessonSummary } from '../../../../../contracts/index.ts';
import { useLoad } from '../../../lib/use-api.ts';
import { getCourse } from '../api/get-course.ts';

type Step =
  | { to: 'exercise'; id: string }
  | { to: 'lesson'; lesson: LessonSummary; number: number }
  | { to: 'end' };

/** What follows `exercise` in the course: the lesson's next exercise, the next lesson, or the end. */
export function stepAfter(lessons: LessonSummary[], exercise: string): Step | undefined {
  const at = lessons.findIndex((lesson) => lesson.exercises.includes(exercise));
  if (at < 0) return undefined;
  const own = lessons[at]?.exercises ?? [];
  const nextExercise = own[own.indexOf(exercise) + 1];
  if (nextExercise) return { to: 'exercise', id: nextExercise };
  const lesson = lessons[at + 1];
  return lesson ? { to: 'lesson', lesson, number: at + 2 } : { to: 'end' };
}

/** Where to go once an exercise has passed. */
export function NextStep({ exercise }: { exercise: string }) {
  const course = useLoad('course', getCourse);
  if (course.state !== 'ready') return null;
  const step = stepAfter(course.data.lessons, exercise);
  if (!step) return null;
  return (
    <p className="next-step">
      {step.to === 'exercise' && <a href={`#exercise-${step.id}`}>Next: the exercise below →</a>}
      {step.to === 'lesson' && (
        <Link href={`/lessons/${step.lesson.id}`}>
          Next: lesson {step.number}, {step.lesson.title} →
        </Link>
      )}
      {step.to === 'end' && (
        <>
          That was the course's last exercise.{' '}
          <Link href="/finish">See what you did in the course</Link>
        </>
      )}
    </p>
  );
}
