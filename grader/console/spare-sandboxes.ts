import { SandboxServer } from '../redis/sandbox-server.ts';
import type { GraderLog } from '../shared/grader-log.ts';

/**
 * Sandboxes started ahead, and paused, for the next learners' first commands. Starting a
 * redis-server forks the whole app (a few milliseconds of its thread, more as it grows) and
 * keeps the learner waiting tens of milliseconds, seconds as a class arrives; a spare is taken
 * at once and the next one started after. One is started at a time: a burst of newcomers is not
 * made worse by spares started for it.
 */
export class SpareSandboxes {
  private readonly ready: SandboxServer[] = [];
  private starting: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly wanted: number,
    private readonly log: GraderLog,
  ) {}

  /** Spares ready or being started: sandboxes the machine holds for nobody yet. */
  get count(): number {
    return this.ready.length + (this.starting ? 1 : 0);
  }

  /** A sandbox for a learner: a spare if one is ready (still paused), or one started now. */
  take(): Promise<SandboxServer> {
    for (let spare = this.ready.shift(); spare; spare = this.ready.shift()) {
      if (spare.alive) return Promise.resolve(spare);
      this.discard(spare);
    }
    return SandboxServer.start();
  }

  /**
   * Starts spares one after another until `wanted` are ready, while `room` allows one more. A
   * spare that arrives when there is no room any more (newcomers started sandboxes of their own
   * meanwhile) is stopped.
   */
  refill(room: () => boolean): void {
    if (this.starting || this.stopped || this.ready.length >= this.wanted || !room()) return;
    this.starting = SandboxServer.start().then(
      async (spare) => {
        this.starting = undefined;
        if (this.stopped || !room()) {
          await spare.stop();
          return;
        }
        spare.pause();
        this.ready.push(spare);
        this.refill(room);
      },
      (error: unknown) => {
        // Tried again after the next learner's sandbox, which starts one of its own meanwhile.
        this.starting = undefined;
        this.log.warn({ err: error }, 'a spare console sandbox did not start');
      },
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting;
    await Promise.all(this.ready.splice(0).map((spare) => spare.stop()));
  }

  /** A spare that died while it waited (killed from outside): its directory is removed. */
  private discard(spare: SandboxServer): void {
    spare.stop().catch((error: unknown) => {
      this.log.warn({ err: error }, 'a dead spare console sandbox could not be cleaned up');
    });
  }
}
