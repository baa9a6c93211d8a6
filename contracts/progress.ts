// A learner's own progress, as the server keeps it in its Redis and answers it under /api/progress,
// /api/exercises/:id/draft and /api/exercises/:id/submissions (a Submit's answer and
// GET /api/gradings/:id carry the exercise's, see graded-submission.ts).

/** One exercise as the server keeps it for this learner. */
export interface ExerciseProgress {
  /** `started`: a hint revealed or code saved, nothing submitted yet. */
  status: 'started' | 'failing' | 'passed';
  attempts: number;
  /** Submissions that did not pass, before the first that did. */
  failures: number;
  /** How many hints have been revealed. */
  hintsShown: number;
  /** The submission that passed the most checks. */
  best: { passed: number; total: number } | null;
  /** ISO times. */
  firstAt: string | null;
  lastAt: string | null;
  passedAt: string | null;
}

export interface Progress {
  /** The lesson opened last: where "continue" leads. */
  lastLesson: string | null;
  /** Lessons opened, sorted by id. */
  visited: string[];
  /** By exercise id; an exercise absent from it is not started. */
  exercises: Partial<Record<string, ExerciseProgress>>;
}

/** The learner's code as last saved; `source` null: they never changed the starter. */
export interface Draft {
  source: string | null;
  savedAt: string | null;
}

/** What saving a draft answers: when the server kept it (an ISO time). */
export interface SavedDraft {
  savedAt: string;
}

/** One graded submission, as the learner's history of an exercise lists it. */
export interface SubmissionRecord {
  id: string;
  exercise: string;
  /** The result's status (`pass`, `fail`, `error`), as recorded. */
  status: string;
  /** Checks passed, of `total`. */
  passed: number;
  total: number;
  durationMs: number;
  /** The learner's code as submitted. */
  source: string;
  /** An ISO time. */
  at: string;
}

/** An exercise's submissions by this learner, newest first. */
export interface SubmissionHistory {
  submissions: SubmissionRecord[];
}

/** For the summary at the end of the course: the Redis commands the learner's passing code calls. */
export interface SolutionCommands {
  /** Passing submissions the server read: one per exercise passed, while it keeps them. */
  solutions: number;
  /** Each command, by name, with the exercises whose code calls it. */
  commands: { name: string; exercises: string[] }[];
}

/**
 * A new recovery code for this learner, shown once, that carries their progress to another
 * browser; it ends the one made before.
 */
export interface RecoveryCode {
  code: string;
  /** An ISO time. */
  madeAt: string;
}
