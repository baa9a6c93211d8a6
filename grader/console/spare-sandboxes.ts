import { SandboxServer } from '../redis/sandbox-server.ts';
import type { GraderLog } from '../shared/grader-log.ts';

/** How far back the sandboxes taken count towards the spares wanted (see SpareSandboxes.wanted). */
const DEMAND_WINDOW_MS = 10_000;

/**
 * Sandboxes started ahead, and paused, for the next learners' first commands. Starting a
 * redis-server forks the whole app (a few milliseconds of its thread, more as it grows) and
 * keeps the learner waiting tens of milliseconds, seconds as a class arrives; a spare is taken
 * at once and the next one started after. One is started at a time: a burst of newcomers is not
 * made worse by spares started for it. While newcomers keep coming, more are started ahead: as
 * many as were taken in the last ten seconds, up to `most`, since newcomers come in bursts
 * that two spares do not cover (in the load bench's 400 learners, with two spares, 1 newcomer
 * in 14 found none and waited 70–310 ms for a sandbox of its own). Spares left over once the
 * newcomers stop stay until taken: a paused redis-server costs memory, no CPU.
 */
export class SpareSandboxes {
  private readonly ready: SandboxServer[] = [];
  private starting: Promise<void> | undefined;
  private stopped = false;
  /** When sandboxes were taken (`now()`), within the last DEMAND_WINDOW_MS. */
  private readonly taken: number[] = [];

  constructor(
    private readonly least: number,
    private readonly most: number,
    private readonly log: GraderLog,
    /** A clock that never steps back, unlike the wall clock. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Spares ready or being started: sandboxes the machine holds for nobody yet. */
  get count(): number {
    return this.ready.length + (this.starting ? 1 : 0);
  }

  /** A sandbox for a learner: a spare if one is ready (still paused), or one started now. */
  take(): Promise<SandboxServer> {
    this.taken.push(this.now());
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
    if (this.starting || this.stopped || this.ready.length >= this.wanted() || !room()) return;
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

  /** As many as were taken in the last DEMAND_WINDOW_MS, up to `most`; `least` at the least. */
  private wanted(): number {
    const since = this.now() - DEMAND_WINDOW_MS;
    while ((this.taken[0] ?? since) < since) this.taken.shift();
    return Math.max(this.least, Math.min(this.most, this.taken.length));
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
