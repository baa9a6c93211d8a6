// The contract between the app, which adds grading jobs, and `keyspace worker`, which takes
// them: the queue's name, what a job carries, what it answers, and how long a lost one waits.
import type { GradeResult } from '../contracts/index.ts';
import type { Outcome } from '../grader/index.ts';

export const GRADING_QUEUE = 'grading';
/** Every key BullMQ keeps, under the app's one prefix (server/progress/keys.ts). */
export const QUEUE_PREFIX = 'keyspace:queue';

export interface GradingJob {
  exerciseId: string;
  source: string;
  /** Whose submission it is: only they may ask for its result. */
  learner: string;
  /** The learner's client address, whose share of the queue the job counts against. */
  address?: string;
}

/**
 * A worker's answer: the result, or the exercise's fault as data (trying again would not help).
 * The app reads it with resultOf, which throws that fault as the grader would have.
 */
export type GradingOutcome = Outcome<GradeResult>;

/**
 * How a worker holds a job. Its lock is renewed every half `lockDurationMs`; a worker that dies
 * (SIGKILL, a lost machine) stops renewing, and within about `lockDurationMs` plus
 * `stalledIntervalMs` another worker's check puts the job back in the queue. After
 * `maxStalledCount` such losses the job fails instead: it may be what kills them.
 */
export const WORKER_TIMINGS = {
  lockDurationMs: 4_000,
  stalledIntervalMs: 2_000,
  maxStalledCount: 2,
};

/**
 * Finished jobs are kept for an hour, for a learner whose page polls late; by then their result
 * is also in the learner's submission history.
 */
export const KEEP_FINISHED = { age: 60 * 60, count: 10_000 };
