import type { Grader } from '../../grader/index.ts';
import type { CourseService } from '../course/course-service.ts';
import type { AppState } from '../state/app-state.ts';
import { type ExerciseIdentity, type ExerciseReport, exerciseReport } from './exercise-report.ts';
import { readExerciseTotals } from './exercise-totals.ts';

/**
 * Every exercise of the course in course order, those nobody has tried included, then any that
 * left the course but still has stats: the instructor view's rows.
 */
export async function instructorReport(
  course: CourseService,
  grader: Grader,
  state: AppState,
): Promise<ExerciseReport[]> {
  const { lessons } = await course.courseMap();
  const inCourse = new Map<string, ExerciseIdentity>();
  for (const lesson of lessons) {
    for (const id of lesson.exercises) {
      if (inCourse.has(id)) continue;
      const { title } = await grader.exercise(id);
      inCourse.set(id, { id, title, lesson: { id: lesson.id, title: lesson.title } });
    }
  }
  const totals = await readExerciseTotals(state, [...inCourse.keys()]);
  return totals.map(([id, counted]) =>
    exerciseReport(inCourse.get(id) ?? { id, title: id, lesson: null }, counted),
  );
}
