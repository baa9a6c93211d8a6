import { Lender } from '../shared/lender.ts';
import type { Job } from './protocol.ts';
import { type JobReply, WorkerProcess } from './worker-process.ts';

const RESPAWN_DELAY_MS = 1_000;

/**
 * A fixed number of worker processes. A job waits for a free worker; a worker that crashed or
 * was killed is replaced before it takes another job.
 */
export class WorkerPool {
  private readonly lender: Lender<WorkerProcess>;
  private stopped = false;
  private replacedDead = 0;
  /** Workers to replace before their next job, though alive: see renew. */
  private readonly outdated = new WeakSet<WorkerProcess>();

  private constructor(
    private readonly workers: Set<WorkerProcess>,
    private readonly spawnOptions: { lowPriority?: boolean },
  ) {
    this.lender = new Lender(workers);
  }

  /** `size` workers; with `lowPriority`, each at LOW_PRIORITY, their replacements too. */
  static async start(
    size: number,
    spawnOptions: { lowPriority?: boolean } = {},
  ): Promise<WorkerPool> {
    const started = await Promise.allSettled(
      Array.from({ length: size }, () => WorkerProcess.spawn(spawnOptions)),
    );
    const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s) => s.status === 'rejected');
    if (failure) {
      await Promise.all(workers.map((worker) => worker.stop()));
      throw failure.reason;
    }
    return new WorkerPool(new Set(workers), spawnOptions);
  }

  /** The process ids of the current workers. */
  get pids(): number[] {
    return [...this.workers].flatMap((worker) => (worker.pid === undefined ? [] : [worker.pid]));
  }

  /** Workers alive now: none means no job can run until one is replaced. */
  get live(): number {
    return this.stopped ? 0 : [...this.workers].filter((worker) => worker.alive).length;
  }

  /** Workers that died (crashed, killed, out of time or memory) and were replaced, since start. */
  get restarts(): number {
    return this.replacedDead;
  }

  /** Runs a job on a free worker; see WorkerProcess.run for `stepMs` and `memoryMb`. */
  async run(job: Job, stepMs: number, memoryMb?: number): Promise<JobReply> {
    const worker = await this.borrowLive();
    try {
      return await worker.run(job, stepMs, memoryMb);
    } finally {
      void this.giveBack(worker);
    }
  }

  /** Whether a worker can open a TCP connection to 127.0.0.1:port; isolated workers cannot. */
  async canReach(port: number): Promise<boolean> {
    const worker = await this.borrowLive();
    try {
      return await worker.canReach(port);
    } finally {
      void this.giveBack(worker);
    }
  }

  /**
   * Replaces every worker of now before its next job (one busy finishes its job first), so that
   * jobs run in processes that have imported nothing yet.
   */
  renew(): void {
    for (const worker of this.workers) this.outdated.add(worker);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.workers].map((worker) => worker.stop()));
  }

  /** A worker that died while idle (killed from outside), or is outdated, is replaced, not handed a job. */
  private async borrowLive(): Promise<WorkerProcess> {
    for (;;) {
      const worker = await this.lender.borrow();
      if (worker.alive && !this.outdated.has(worker)) return worker;
      void this.giveBack(worker);
    }
  }

  private async giveBack(worker: WorkerProcess): Promise<void> {
    let next = worker;
    if (!worker.alive || this.outdated.has(worker)) {
      this.workers.delete(worker);
      if (worker.alive) void worker.stop();
      else this.replacedDead++;
      if (this.stopped) return;
      try {
        next = await WorkerProcess.spawn(this.spawnOptions);
        if (this.stopped) {
          await next.stop();
          return;
        }
      } catch {
        // A replacement that cannot start now may start later; the slot must not be lost.
        setTimeout(() => void this.giveBack(worker), RESPAWN_DELAY_MS).unref();
        return;
      }
      this.workers.add(next);
    }
    this.lender.giveBack(next);
  }
}
