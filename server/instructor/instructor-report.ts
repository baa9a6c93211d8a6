import type { ExerciseStats } from '../../contracts/index.ts';
import { ContentError, type Grader } from '../../grader/index.ts';
import type { CourseService } from '../course/course-service.ts';
import type { AppState } from '../state/app-state.ts';
import { type ExerciseIdentity, exerciseReport } from './exercise-report.ts';
import { readExerciseTotals } from './exercise-totals.ts';

/**
 * Every exercise of the course in course order, those nobody has tried included, then any that
 * left the course but still has stats: the instructor view's rows.
 */
export async function instructorReport(
  course: CourseService,
  grader: Grader,
  state: AppState,
): Promise<ExerciseStats[]> {
  const { lessons } = await course.courseMap();
  const inCourse = new Map<string, ExerciseIdentity>();
  for (const lesson of lessons) {
    for (const id of lesson.exercises) {
      if (inCourse.has(id)) continue;
      inCourse.set(id, {
        id,
        title: await titleOf(grader, id),
        lesson: { id: lesson.id, title: lesson.title },
      });
    }
  }
  const totals = await readExerciseTotals(state, [...inCourse.keys()]);
  return totals.map(([id, counted]) =>
    exerciseReport(inCourse.get(id) ?? { id, title: id, lesson: null }, counted),
  );
}

/**
 * The exercise's title, or its id while its folder is missing or broken (an author at work): one
 * exercise must not take the whole view down, and a 404 here would read as "the view is off".
 */
async function titleOf(grader: Grader, id: string): Promise<string> {
  try {
    return (await grader.exercise(id)).title;
  } catch (error) {
    if (error instanceof ContentError) return id;
    throw error;
  }
}
