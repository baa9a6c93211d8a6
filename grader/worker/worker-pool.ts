import type { GradeJob } from '../runner/run-submission.ts';
import { type JobReply, WorkerProcess } from './worker-process.ts';

const RESPAWN_DELAY_MS = 1_000;

/**
 * A fixed number of worker processes. A job waits for a free worker; a worker that crashed or
 * was killed is replaced before it takes another job.
 */
export class WorkerPool {
  private readonly idle: WorkerProcess[] = [];
  private readonly waiting: ((worker: WorkerProcess) => void)[] = [];
  private stopped = false;

  private constructor(private readonly workers: Set<WorkerProcess>) {
    this.idle.push(...workers);
  }

  static async start(size: number): Promise<WorkerPool> {
    const workers = await Promise.all(Array.from({ length: size }, () => WorkerProcess.spawn()));
    return new WorkerPool(new Set(workers));
  }

  async run(job: GradeJob, deadlineMs: number): Promise<JobReply> {
    const worker = await this.take();
    try {
      return await worker.run(job, deadlineMs);
    } finally {
      void this.give(worker);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.workers].map((worker) => worker.stop()));
  }

  private take(): Promise<WorkerProcess> {
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private async give(worker: WorkerProcess): Promise<void> {
    let next = worker;
    if (!worker.alive) {
      this.workers.delete(worker);
      if (this.stopped) return;
      try {
        next = await WorkerProcess.spawn();
      } catch {
        // A replacement that cannot start now may start later; the slot must not be lost.
        setTimeout(() => void this.give(worker), RESPAWN_DELAY_MS).unref();
        return;
      }
      this.workers.add(next);
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter(next);
    else this.idle.push(next);
  }
}
