// Every key the app keeps in its Redis, in the `type:id:field` style of lesson 10, under one
// `keyspace:` prefix so that a shared Redis (REDIS_URL) can hold other apps' keys beside them.
// README.md ("The app's state in Redis") documents each one.

const PREFIX = 'keyspace';

export const keys = {
  /**
   * Hash: created_at, last_lesson, last_seen_at, and identity/learner-fields.ts's
   * (cookie_generation, recovery_code).
   */
  learner: (learner: string) => `${PREFIX}:learner:${learner}`,
  /** Set: the ids of the lessons the learner has opened. */
  lessons: (learner: string) => `${PREFIX}:learner:${learner}:lessons`,
  /** Set: the ids of the exercises the learner has a progress hash for. */
  exercises: (learner: string) => `${PREFIX}:learner:${learner}:exercises`,
  /** Hash: one exercise's progress (see ExerciseProgress). */
  exercise: (learner: string, exercise: string) =>
    `${PREFIX}:learner:${learner}:exercise:${exercise}`,
  /** List: the learner's submission ids for one exercise, newest first, capped at MAX_HISTORY. */
  submissions: (learner: string, exercise: string) =>
    `${PREFIX}:learner:${learner}:exercise:${exercise}:submissions`,
  /** Hash: one submission (learner, exercise, status, passed, total, duration_ms, source, at). */
  submission: (id: string) => `${PREFIX}:submission:${id}`,
  /**
   * Hash: a queued grading once recorded (submission, learner, result as JSON), kept for
   * GRADING_KEPT_SECONDS so that a page polling for it gets it once the queue has let it go.
   */
  grading: (id: string) => `${PREFIX}:grading:${id}`,
  /** String: the counter submission ids come from. */
  nextSubmission: `${PREFIX}:submissions:next`,
  /** String: the learner whose recovery code has this SHA-256 (identity/recovery-codes.ts). */
  recoveryCode: (digest: string) => `${PREFIX}:recovery-code:${digest}`,
  /** String: the secret learner cookies are signed with, made once. */
  cookieSecret: `${PREFIX}:cookie-secret`,
  /** Hash: an exercise's totals for the instructor view: attempted, passed, submissions. */
  exerciseStats: (exercise: string) => `${PREFIX}:stats:exercise:${exercise}`,
  /** Hash: submissions it took to pass (the passing one included) → learners who took that many. */
  attemptsToPass: (exercise: string) => `${PREFIX}:stats:exercise:${exercise}:attempts-to-pass`,
  /** Sorted set: check name → submissions in which that check failed or errored. */
  failingChecks: (exercise: string) => `${PREFIX}:stats:exercise:${exercise}:failing-checks`,
  /** Set: the exercises that have stats, those no longer in the course included. */
  statsExercises: `${PREFIX}:stats:exercises`,
  /** Prefix of the rate limiters' counters: `keyspace:rate:<action>:<learner>`. */
  ratePrefix: (action: string) => `${PREFIX}:rate:${action}`,
};

/** How long a queued grading's result stays readable by id: a day. */
export const GRADING_KEPT_SECONDS = 24 * 60 * 60;

/** Submissions kept per learner and exercise: the oldest beyond it are deleted as new ones come. */
export const MAX_HISTORY = 200;
