// The instructor view's data (/api/instructor/exercises): counts over every learner, never one
// learner's own.

export interface FailingCheck {
  name: string;
  /** Submissions in which the check failed or errored. */
  failures: number;
  /** `failures` over all the exercise's submissions, from 0 to 1. */
  share: number;
}

/** One exercise as the instructor view shows it. */
export interface ExerciseStats {
  id: string;
  title: string;
  /** Null for an exercise no longer in the course that still has stats. */
  lesson: { id: string; title: string } | null;
  attempted: number;
  passed: number;
  /** `passed` over `attempted`, from 0 to 1; null before anyone attempted it. */
  passRate: number | null;
  /** Submissions it took to pass, the passing one included; null before anyone passed. */
  attemptsToPass: { median: number; mean: number } | null;
  submissions: number;
  mostFailedCheck: FailingCheck | null;
  failingChecks: FailingCheck[];
  /** Why the exercise may need a better statement or hint, in words; empty when nothing shows. */
  concerns: string[];
}

/** Every exercise with stats, in the course's order, then those no longer in it. */
export interface ExerciseStatsList {
  exercises: ExerciseStats[];
}
