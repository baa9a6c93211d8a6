import { randomUUID } from 'node:crypto';
import { Job, Queue, QueueEvents } from 'bullmq';
import Redis from 'ioredis';
import { type ErrorCode, errorResult, isRedisOutage } from '../grader/index.ts';
import {
  GRADING_QUEUE,
  type GradingJob,
  type GradingOutcome,
  KEEP_FINISHED,
  QUEUE_PREFIX,
  WORKER_TIMINGS,
} from './grading-jobs.ts';
import { QueueShares } from './queue-shares.ts';

/** A job the worker threw on is tried once more: the fault may be the machine's, not the job's. */
const ATTEMPTS = 2;

/** Where a grading stands, as its learner may see it; `addedAt` is when it was queued (ms). */
export type GradingState =
  | { state: 'queued' | 'running'; job: GradingJob; addedAt: number }
  | { state: 'finished'; job: GradingJob; addedAt: number; outcome: GradingOutcome }
  /** The system failed it (not the learner's code): nothing to record. */
  | { state: 'failed'; job: GradingJob; addedAt: number; message: string };

/** A type, not an interface: metrics read it as a record of counts. */
export type QueueDepth = { waiting: number; active: number; delayed: number };

/** The queue holds `limit` jobs waiting already: the learner is asked to come back. */
export class QueueFullError extends Error {
  override name = 'QueueFullError';
  readonly code: ErrorCode = 'queue_full';
  constructor(readonly limit: number) {
    super(
      `grading is busy: ${limit} submissions are already waiting for a grader. Try again in a few seconds.`,
    );
  }
}

/** The queue's Redis cannot be reached now (or cannot take writes): worth trying again soon. */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
  readonly code: ErrorCode = 'state_unavailable';
  constructor(cause: unknown) {
    super('grading cannot be reached for a moment: try again in a few seconds', { cause });
  }
}

export interface GradingQueueOptions {
  redisUrl: string;
  /** Jobs waiting (not yet taken by a worker) beyond which a new one is refused. */
  limit: number;
}

/**
 * The app's end of the grading queue (BullMQ on the app's Redis): adds jobs, waits for their
 * outcome, and tells where one stands. `keyspace worker` processes take the jobs.
 */
export class GradingQueue {
  /** Requests waiting for a job's end, by job id: one event listener serves them all. */
  private readonly waiters = new Map<string, Set<(state: GradingState) => void>>();
  private readonly finishedHandlers = new Set<(id: string, state: GradingState) => void>();
  /** Adds one at a time, so that the check of the limit and the add are one step (per app). */
  private adding: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly connections: Redis[],
    private readonly queue: Queue<GradingJob, GradingOutcome>,
    private readonly events: QueueEvents,
    private readonly limit: number,
    private readonly shares: QueueShares,
  ) {
    events.on('completed', ({ jobId }) => void this.settle(jobId));
    events.on('failed', ({ jobId }) => void this.settle(jobId));
  }

  static async open({ redisUrl, limit }: GradingQueueOptions): Promise<GradingQueue> {
    // A learner's request fails at once while Redis is away (503), as the app's own state does;
    // the event stream's blocking reads wait for it to come back.
    const commands = new Redis(redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
    });
    const listening = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
    const connections = [commands, listening];
    for (const connection of connections) connection.on('error', () => {});
    try {
      await Promise.all(connections.map((connection) => connection.connect()));
    } catch (error) {
      for (const connection of connections) connection.disconnect();
      throw new Error(`cannot reach the grading queue's Redis: ${(error as Error).message}`);
    }
    const queue = new Queue<GradingJob, GradingOutcome>(GRADING_QUEUE, {
      connection: commands,
      prefix: QUEUE_PREFIX,
      defaultJobOptions: {
        attempts: ATTEMPTS,
        backoff: { type: 'fixed', delay: 1_000 },
        removeOnComplete: KEEP_FINISHED,
        removeOnFail: KEEP_FINISHED,
      },
    });
    const events = new QueueEvents(GRADING_QUEUE, {
      connection: listening,
      prefix: QUEUE_PREFIX,
    });
    // Both report a lost connection, which the requests meanwhile are told of (503).
    queue.on('error', () => {});
    events.on('error', () => {});
    // Events are read from now on: it must be listening before the first job is added.
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new GradingQueue(connections, queue, events, limit, new QueueShares(commands, limit));
  }

  /**
   * Adds a job and answers its id; QueueFullError when `limit` jobs are waiting already,
   * QueueUnavailableError while Redis is away.
   */
  add(job: GradingJob): Promise<string> {
    const added = this.adding.then(async () => {
      const waiting = await reach(() => this.queue.getWaitingCount());
      if (waiting >= this.limit) throw new QueueFullError(this.limit);
      const id = randomUUID();
      const address = job.address ?? 'unknown';
      await reach(() => this.shares.take(id, job.learner, address));
      try {
        await reach(() => this.queue.add('grade', job, { jobId: id }));
      } catch (error) {
        await this.shares.give(id, job.learner, address).catch(() => {});
        throw error;
      }
      return id;
    });
    this.adding = added.catch(() => {});
    return added;
  }

  /**
   * Calls `handler` with each job that ends while this app listens, whoever added it: what
   * records results that no request waits for any more.
   */
  onFinished(handler: (id: string, state: GradingState) => void): void {
    this.finishedHandlers.add(handler);
  }

  /** The ids of the finished jobs the queue still keeps (an hour or more). */
  async finished(): Promise<string[]> {
    const jobs = await reach(() => this.queue.getJobs(['completed', 'failed']));
    return jobs.flatMap((job) => (job?.id ? [job.id] : []));
  }

  /** The job's state once it ends, or as it is after `ms`; undefined for an unknown id. */
  async wait(id: string, ms: number): Promise<GradingState | undefined> {
    let stop = () => {};
    const ended = new Promise<GradingState | undefined>((resolve, reject) => {
      const waiters = this.waiters.get(id) ?? new Set();
      waiters.add(resolve);
      this.waiters.set(id, waiters);
      const timer = setTimeout(() => this.find(id).then(resolve, reject), ms);
      // A request still waiting must not keep a stopping app alive.
      timer.unref();
      stop = () => {
        clearTimeout(timer);
        waiters.delete(resolve);
        if (waiters.size === 0) this.waiters.delete(id);
      };
    });
    // Its timer may fail while the first look below is still out, or after that look failed.
    ended.catch(() => {});
    try {
      // It may have ended before the listener was in place.
      const now = await this.find(id);
      if (!now || now.state === 'finished' || now.state === 'failed') return now;
      return await ended;
    } finally {
      stop();
    }
  }

  /** Where the job stands now; undefined for an id the queue does not hold (or no longer). */
  async find(id: string): Promise<GradingState | undefined> {
    // The state first: BullMQ writes a result and the completed state in one step, so a job
    // read after its state says completed has its result; read before, it might not.
    const state = await reach(() => this.queue.getJobState(id));
    if (state === 'unknown') return undefined;
    const job = await reach(() => Job.fromId<GradingJob, GradingOutcome>(this.queue, id));
    if (!job) return undefined;
    const known = { job: job.data, addedAt: job.timestamp };
    if (state === 'completed') return { ...known, state: 'finished', outcome: job.returnvalue };
    if (state === 'failed') return failure(job);
    return { ...known, state: state === 'active' ? 'running' : 'queued' };
  }

  async depth(): Promise<QueueDepth> {
    const counts = await reach(() => this.queue.getJobCounts('waiting', 'active', 'delayed'));
    return {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
    };
  }

  /** Stops listening; jobs in the queue stay there for the workers. */
  async close(): Promise<void> {
    await Promise.all([this.events.close(), this.queue.close()]);
    for (const connection of this.connections) connection.disconnect();
  }

  private async settle(id: string): Promise<void> {
    const state = await this.find(id).catch(() => undefined);
    if (!state) return;
    if (state.state === 'finished' || state.state === 'failed') {
      const { learner, address = 'unknown' } = state.job;
      await this.shares.give(id, learner, address).catch(() => {});
    }
    for (const resolve of this.waiters.get(id) ?? []) resolve(state);
    for (const handler of this.finishedHandlers) handler(id, state);
  }
}

/** Runs queue work, turning a lost connection or a Redis that cannot take writes into a 503. */
async function reach<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isRedisOutage(error) ? new QueueUnavailableError(error) : error;
  }
}

/**
 * A failed job. One that stalled too often took its workers down with it, over and over: the
 * learner gets an error result saying so. Anything else was the system's failure.
 */
function failure(job: Job<GradingJob, GradingOutcome>): GradingState {
  if (job.stalledCounter > WORKER_TIMINGS.maxStalledCount) {
    const tries = job.stalledCounter;
    const message =
      `your code was not graded: the grading worker running it stopped ${tries} times in a row ` +
      '(killed or lost), so it was set aside. If your code uses a lot of memory or time, change ' +
      'that and submit again; otherwise tell your instructor.';
    const ms = (job.finishedOn ?? Date.now()) - job.timestamp;
    return {
      state: 'finished',
      job: job.data,
      addedAt: job.timestamp,
      outcome: { ok: true, result: errorResult(job.data.exerciseId, message, ms) },
    };
  }
  return {
    state: 'failed',
    job: job.data,
    addedAt: job.timestamp,
    message: job.failedReason || 'the grading failed',
  };
}
