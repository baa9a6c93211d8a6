import { Lender } from '../shared/lender.ts';
import { SandboxServer } from './sandbox-server.ts';

const RESTART_DELAY_MS = 1_000;

/**
 * A fixed set of sandbox servers, each lent to one grading run at a time. The runner empties a
 * sandbox before every check; a sandbox that comes back dead (shut down because a learner's
 * script wedged it) is replaced before it is lent again.
 */
export class SandboxPool {
  private readonly lender: Lender<SandboxServer>;
  private stopped = false;

  private constructor(
    private readonly all: Set<SandboxServer>,
    private readonly startOptions: { lowPriority?: boolean },
  ) {
    this.lender = new Lender(all);
  }

  /** `size` sandboxes; with `lowPriority`, each at LOW_PRIORITY, their replacements too. */
  static async start(size: number, startOptions: { lowPriority?: boolean } = {}) {
    const started = await Promise.allSettled(
      Array.from({ length: size }, () => SandboxServer.start(startOptions)),
    );
    const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s) => s.status === 'rejected');
    if (failure) {
      await Promise.all(servers.map((server) => server.stop()));
      throw failure.reason;
    }
    return new SandboxPool(new Set(servers), startOptions);
  }

  /** Sandbox servers running now. */
  get live(): number {
    return [...this.all].filter((server) => server.alive).length;
  }

  acquire(): Promise<SandboxServer> {
    return this.lender.borrow();
  }

  /** Takes a sandbox back; one that is `lost` (or dead) is stopped and replaced by a new one. */
  release(server: SandboxServer, { lost = false } = {}): void {
    if ((server.alive && !lost) || this.stopped) {
      this.lender.giveBack(server);
      return;
    }
    this.all.delete(server);
    void server.stop();
    void this.replace();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.all].map((server) => server.stop()));
  }

  private async replace(): Promise<void> {
    try {
      const fresh = await SandboxServer.start(this.startOptions);
      if (this.stopped) {
        await fresh.stop();
        return;
      }
      this.all.add(fresh);
      this.lender.giveBack(fresh);
    } catch {
      // A server that cannot start now may start later; the slot must not be lost.
      if (!this.stopped) setTimeout(() => void this.replace(), RESTART_DELAY_MS).unref();
    }
  }
}
