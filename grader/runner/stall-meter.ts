/** How often the meter looks at the clock, from the first reading to the check's end. */
const TICK_MS = 10;
/**
 * Lateness per tick that counts as held up. A tick on a quiet machine comes up to a millisecond
 * late (the timers' granularity): counted, that would loosen a bound by a few per cent of its
 * window on a machine that stalled not at all.
 */
const JITTER_MS = 2;

/**
 * How long the worker's own thread was held up during a check: its timers firing late, because
 * the machine ran something else, or the thread had work queued. The learner's timers and
 * replies reach its code through the same thread, as late, so a check that bounds a wait in real
 * time adds this to its bound. The clock is looked at from the check's first reading to its end.
 */
export class StallMeter {
  private timer: NodeJS.Timeout | undefined;
  private lastTick = 0;
  private total = 0;
  /** Set by stop: a check's code still running after its deadline starts no ticker. */
  private over = false;

  /** Starts a reading: the function answers the ms held up since, each time it is called. */
  heldUp(): () => number {
    if (!this.timer && !this.over) {
      this.lastTick = performance.now();
      this.timer = setInterval(() => this.tick(), TICK_MS);
      this.timer.unref();
    }
    const from = this.total;
    return () => {
      if (this.timer) this.tick();
      return this.total - from;
    };
  }

  /** The check is over: the meter looks at the clock no more. */
  stop(): void {
    this.over = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = performance.now();
    const late = now - this.lastTick - TICK_MS;
    // Also called by a reading, which may run before the timer that a stall held up: the stall
    // counts then, and the timer's tick after it finds the meter up to date.
    if (late > JITTER_MS) this.total += late;
    this.lastTick = now;
  }
}
