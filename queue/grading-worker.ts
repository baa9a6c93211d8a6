import { type Job, Worker } from 'bullmq';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import type { GradeResult } from '../contracts/index.ts';
import { type Grader, outcomeOf } from '../grader/index.ts';
import {
  GRADING_QUEUE,
  type GradingJob,
  type GradingOutcome,
  KEEP_FINISHED,
  QUEUE_PREFIX,
  WORKER_TIMINGS,
} from './grading-jobs.ts';

export interface GradingWorkerOptions {
  redisUrl: string;
  grader: Grader;
  /** Jobs taken at once: the grader's own concurrency, so that none waits inside the worker. */
  concurrency: number;
  /** Stored on each job it takes (BullMQ's processedBy), and in its logs. */
  name: string;
  log: Logger;
  /** Told of each result, for metrics. */
  onGraded?: (result: GradeResult, seconds: number) => void;
}

/** Takes grading jobs off the queue and grades them with a grader of its own. */
export class GradingWorker {
  private constructor(
    private readonly connection: Redis,
    private readonly worker: Worker<GradingJob, GradingOutcome>,
  ) {}

  static async start(options: GradingWorkerOptions): Promise<GradingWorker> {
    const { grader, log } = options;
    // BullMQ's blocking reads must wait as long as they need: no per-request retry limit.
    const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    const grade = async (job: Job<GradingJob, GradingOutcome>): Promise<GradingOutcome> => {
      const { exerciseId, source } = job.data;
      log.info(
        {
          job: job.id,
          exercise: exerciseId,
          started: job.attemptsStarted,
          stalled: job.stalledCounter,
        },
        'grading',
      );
      const started = performance.now();
      // The system's failures are thrown: BullMQ tries the job again.
      const outcome = await outcomeOf(() => grader.grade(exerciseId, source));
      if (!outcome.ok) {
        log.warn({ job: job.id, error: outcome.error }, 'the exercise cannot be graded');
        return outcome;
      }
      const { result } = outcome;
      options.onGraded?.(result, (performance.now() - started) / 1000);
      log.info({ job: job.id, status: result.status, ms: result.durationMs }, 'graded');
      return outcome;
    };
    const worker = new Worker<GradingJob, GradingOutcome>(GRADING_QUEUE, grade, {
      connection,
      prefix: QUEUE_PREFIX,
      name: options.name,
      concurrency: options.concurrency,
      lockDuration: WORKER_TIMINGS.lockDurationMs,
      stalledInterval: WORKER_TIMINGS.stalledIntervalMs,
      maxStalledCount: WORKER_TIMINGS.maxStalledCount,
      removeOnComplete: KEEP_FINISHED,
      removeOnFail: KEEP_FINISHED,
    });
    worker.on('failed', (job, error) =>
      log.error({ job: job?.id, err: error }, 'a grading job failed'),
    );
    worker.on('error', (error) => log.warn({ err: error }, 'the grading queue is unreachable'));
    await worker.waitUntilReady();
    return new GradingWorker(connection, worker);
  }

  /** Takes no new job, and resolves once the jobs it holds are finished and handed back. */
  async close(): Promise<void> {
    await this.worker.close();
    this.connection.disconnect();
  }
}
