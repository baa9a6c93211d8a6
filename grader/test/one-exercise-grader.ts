import { afterAll, beforeAll } from 'vitest';
import { Grader } from '../grader.ts';
import { type OneExercise, oneExerciseCourse } from './one-exercise-course.ts';

/**
 * A Grader of a course of one exercise (oneExerciseCourse), for the tests of one `describe`: the
 * course is written now, the grader started before the tests and both gone after them. Read
 * `grader` in a test, not when this returns.
 */
export function oneExerciseGrader(exercise: OneExercise, concurrency = 1): { grader: Grader } {
  const course = oneExerciseCourse(exercise);
  const started = {} as { grader: Grader };
  beforeAll(async () => {
    started.grader = await Grader.start({ courseDir: course.dir, concurrency });
  });
  afterAll(async () => {
    await started.grader?.stop();
    course.remove();
  });
  return started;
}
