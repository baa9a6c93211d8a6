// The queue's public entry: the app adds grading jobs and reads their outcome (GradingQueue);
// a worker takes them (GradingWorker, which `keyspace worker`, queue/worker-command.ts, runs).
export type { GradingJob, GradingOutcome } from './grading-jobs.ts';
export {
  GradingQueue,
  type GradingQueueOptions,
  type GradingState,
  type QueueDepth,
  QueueFullError,
  QueueUnavailableError,
} from './grading-queue.ts';
export { GradingWorker, type GradingWorkerOptions } from './grading-worker.ts';
export { PER_LEARNER, QueueShareError, QueueShares } from './queue-shares.ts';
export { WORKER_USAGE } from './worker-command.ts';
