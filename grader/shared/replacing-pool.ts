import type { GraderLog } from './grader-log.ts';
import { Lender } from './lender.ts';

/** What a pool holds: something it can tell is alive, and stop. */
export interface Pooled {
  readonly alive: boolean;
  stop(): Promise<void>;
}

const RETRY_DELAY_MS = 1_000;

/**
 * A fixed number of processes (sandbox servers, grader workers), each lent to one borrower at a
 * time. One that comes back dead, lost or outdated is stopped and replaced before it is lent
 * again; a replacement that cannot start is tried again a second later, so that no slot is lost.
 */
export class ReplacingPool<T extends Pooled> {
  private readonly lender: Lender<T>;
  private stopped = false;
  private replacedDead = 0;
  /** Alive, but to be replaced before their next borrower: see renew. */
  private readonly outdated = new WeakSet<T>();

  private constructor(
    private readonly items: Set<T>,
    private readonly make: () => Promise<T>,
    /** What the pool holds, for the log: `grader worker`, `sandbox redis-server`. */
    private readonly what: string,
    private readonly log: GraderLog,
  ) {
    this.lender = new Lender(items);
  }

  /** `size` of what `make` makes; if any fails to start, those started are stopped. */
  static async start<T extends Pooled>(
    size: number,
    make: () => Promise<T>,
    what: string,
    log: GraderLog,
  ): Promise<ReplacingPool<T>> {
    const started = await Promise.allSettled(Array.from({ length: size }, make));
    const items = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s) => s.status === 'rejected');
    if (failure) {
      await Promise.all(items.map((item) => item.stop()));
      throw failure.reason;
    }
    return new ReplacingPool(new Set(items), make, what, log);
  }

  get all(): readonly T[] {
    return [...this.items];
  }

  /** How many are alive now: none means no borrower gets one until one is replaced. */
  get live(): number {
    return this.stopped ? 0 : this.all.filter((item) => item.alive).length;
  }

  /** How many died (crashed, killed, wedged) and were replaced, since start. */
  get restarts(): number {
    return this.replacedDead;
  }

  /** A live one, when one is free: one that died while idle is replaced, not lent. */
  async borrow(): Promise<T> {
    for (;;) {
      const item = await this.lender.borrow();
      if (item.alive && !this.outdated.has(item)) return item;
      this.giveBack(item);
    }
  }

  /** Takes one back; one that is `lost`, dead or outdated is replaced by a new one. */
  giveBack(item: T, { lost = false } = {}): void {
    if (this.stopped || (item.alive && !lost && !this.outdated.has(item))) {
      this.lender.giveBack(item);
      return;
    }
    this.items.delete(item);
    if (item.alive) void item.stop();
    else this.replacedDead += 1;
    void this.replace();
  }

  /** Replaces every one of now before its next borrower (one lent out, once it is back). */
  renew(): void {
    for (const item of this.items) this.outdated.add(item);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.all.map((item) => item.stop()));
  }

  private async replace(): Promise<void> {
    let fresh: T;
    try {
      fresh = await this.make();
    } catch (error) {
      if (this.stopped) return;
      this.log.error(
        { err: error, retryInMs: RETRY_DELAY_MS },
        `a ${this.what} could not be started in place of one that stopped`,
      );
      setTimeout(() => void this.replace(), RETRY_DELAY_MS).unref();
      return;
    }
    if (this.stopped) {
      await fresh.stop();
      return;
    }
    this.items.add(fresh);
    this.lender.giveBack(fresh);
  }
}
