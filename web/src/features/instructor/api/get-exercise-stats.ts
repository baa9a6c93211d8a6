import { api } from '../../../lib/api-client.ts';

export interface FailingCheck {
  name: string;
  /** Submissions in which the check failed or errored. */
  failures: number;
  /** `failures` over the exercise's submissions, from 0 to 1. */
  share: number;
}

/** One row of the instructor view (ExerciseStats in the server's OpenAPI document). */
export interface ExerciseStats {
  id: string;
  title: string;
  /** Null for an exercise no longer in the course. */
  lesson: { id: string; title: string } | null;
  attempted: number;
  passed: number;
  passRate: number | null;
  attemptsToPass: { median: number; mean: number } | null;
  submissions: number;
  mostFailedCheck: FailingCheck | null;
  failingChecks: FailingCheck[];
  /** Why the exercise may need a better statement or hint; empty when nothing shows. */
  concerns: string[];
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export const getExerciseStats = (token: string) =>
  api<{ exercises: ExerciseStats[] }>('/instructor/exercises', { headers: bearer(token) });
