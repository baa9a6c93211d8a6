import type { GradeResult } from './grade-result.ts';
import type { ExerciseProgress } from './progress.ts';

/**
 * What a Submit answers once its grading is recorded (and `GET /api/gradings/:id` for one that
 * was pending): the result, and the exercise's progress as it stands with this submission
 * counted, so that the page need not ask for the progress again.
 */
export interface GradedSubmission {
  result: GradeResult;
  progress: ExerciseProgress;
}
