import type { GradeJob } from '../runner/run-submission.ts';
import { Lender } from '../shared/lender.ts';
import { type JobReply, WorkerProcess } from './worker-process.ts';

const RESPAWN_DELAY_MS = 1_000;

/**
 * A fixed number of worker processes. A job waits for a free worker; a worker that crashed or
 * was killed is replaced before it takes another job.
 */
export class WorkerPool {
  private readonly lender: Lender<WorkerProcess>;
  private stopped = false;

  private constructor(private readonly workers: Set<WorkerProcess>) {
    this.lender = new Lender(workers);
  }

  static async start(size: number): Promise<WorkerPool> {
    const workers = await Promise.all(Array.from({ length: size }, () => WorkerProcess.spawn()));
    return new WorkerPool(new Set(workers));
  }

  async run(job: GradeJob, deadlineMs: number): Promise<JobReply> {
    const worker = await this.lender.borrow();
    try {
      return await worker.run(job, deadlineMs);
    } finally {
      void this.giveBack(worker);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.workers].map((worker) => worker.stop()));
  }

  private async giveBack(worker: WorkerProcess): Promise<void> {
    let next = worker;
    if (!worker.alive) {
      this.workers.delete(worker);
      if (this.stopped) return;
      try {
        next = await WorkerProcess.spawn();
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
