import { type GraderLog, stderrLog } from '../shared/grader-log.ts';
import { ReplacingPool } from '../shared/replacing-pool.ts';
import type { Job } from './protocol.ts';
import { type JobReply, WorkerLostError, WorkerProcess } from './worker-process.ts';

export interface WorkerPoolOptions {
  /** Each worker, its replacements too, at LOW_PRIORITY. */
  lowPriority?: boolean;
  log?: GraderLog;
}

/**
 * A fixed number of worker processes. A job waits for a free worker; a worker that crashed or
 * was killed is replaced before it takes another job.
 */
export class WorkerPool {
  private constructor(
    private readonly pool: ReplacingPool<WorkerProcess>,
    private readonly log: GraderLog,
  ) {}

  static async start(
    size: number,
    { lowPriority = false, log = stderrLog }: WorkerPoolOptions = {},
  ): Promise<WorkerPool> {
    const make = () => WorkerProcess.spawn({ lowPriority });
    return new WorkerPool(await ReplacingPool.start(size, make, 'grader worker', log), log);
  }

  /** The process ids of the current workers. */
  get pids(): number[] {
    return this.pool.all.flatMap((worker) => (worker.pid === undefined ? [] : [worker.pid]));
  }

  /** Workers alive now: none means no job can run until one is replaced. */
  get live(): number {
    return this.pool.live;
  }

  /** Workers that died (crashed, killed, out of time or memory) and were replaced, since start. */
  get restarts(): number {
    return this.pool.restarts;
  }

  /** Runs a job on a free worker; see WorkerProcess.run for `stepMs` and `memoryMb`. */
  async run(job: Job, stepMs: number, memoryMb?: number): Promise<JobReply> {
    const worker = await this.pool.borrow();
    try {
      return await worker.run(job, stepMs, memoryMb);
    } catch (error) {
      if (error instanceof WorkerLostError) {
        this.log.warn(
          { err: error, job: job.type, file: job.job.file },
          'a grader worker was lost',
        );
      }
      throw error;
    } finally {
      this.pool.giveBack(worker);
    }
  }

  /** Whether a worker can open a TCP connection to 127.0.0.1:port; isolated workers cannot. */
  async canReach(port: number): Promise<boolean> {
    const worker = await this.pool.borrow();
    try {
      return await worker.canReach(port);
    } finally {
      this.pool.giveBack(worker);
    }
  }

  /**
   * Replaces every worker of now before its next job (one busy finishes its job first), so that
   * jobs run in processes that have imported nothing yet.
   */
  renew(): void {
    this.pool.renew();
  }

  stop(): Promise<void> {
    return this.pool.stop();
  }
}
