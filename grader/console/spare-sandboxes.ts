import { SandboxServer } from '../redis/sandbox-server.ts';

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

  constructor(private readonly wanted: number) {}

  /** Spares ready or being started: each is a sandbox the machine holds for nobody yet. */
  get count(): number {
    return this.ready.length + (this.starting ? 1 : 0);
  }

  /** A sandbox for a learner: a spare if one is ready (still paused), or one started now. */
  take(): Promise<SandboxServer> {
    for (let spare = this.ready.shift(); spare; spare = this.ready.shift()) {
      if (spare.alive) return Promise.resolve(spare);
      void spare.stop();
    }
    return SandboxServer.start();
  }

  /** Starts spares one after another until `wanted` are ready, while `room` allows one more. */
  refill(room: () => boolean): void {
    if (this.starting || this.stopped || this.ready.length >= this.wanted || !room()) return;
    this.starting = SandboxServer.start().then(
      async (spare) => {
        this.starting = undefined;
        if (this.stopped) {
          await spare.stop();
          return;
        }
        spare.pause();
        this.ready.push(spare);
        this.refill(room);
      },
      () => {
        // Not tried again until the next take: a failing start says so to that learner.
        this.starting = undefined;
      },
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting;
    await Promise.all(this.ready.splice(0).map((spare) => spare.stop()));
  }
}
