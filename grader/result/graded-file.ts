import type { GradeResult } from './grade-result.ts';

/** One graded submission as the formats see it: the result, and the file it came from. */
export interface GradedFile {
  /** The submission's path as the user gave it; shown in reports, never read again. */
  file: string;
  result: GradeResult;
}
