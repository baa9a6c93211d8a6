/**
 * Everything the worker lends one check goes through its gate. When the check ends the gate
 * closes: a timer or promise left running by that check can no longer reach Redis or wake up.
 */
export class CheckGate {
  private open = true;
  /** Sleeps under way, by the runtime's timer id, each with what ends it early. */
  private readonly timers = new Map<number, { timeout: NodeJS.Timeout; resolve(): void }>();

  /** Passes synchronous calls through while the gate is open; once closed, they throw. */
  guard<Args extends unknown[], Result>(fn: (...args: Args) => Result): (...args: Args) => Result {
    return (...args) => {
      if (!this.open) {
        throw new Error('this check is over: work left running by it cannot reach Redis any more');
      }
      return fn(...args);
    };
  }

  /**
   * Passes asynchronous calls through while the gate is open. Once it is closed, a call answers
   * with a promise that never settles, and a reply still on its way never arrives: the code
   * awaiting it was left behind by that check, and must not wake up in a later one (the context is
   * shared by every check of a run). A refusal would not do: it can be caught, and the call tried
   * again until a later check lends the isolate its own capabilities.
   */
  guardAsync<Args extends unknown[], Result>(
    fn: (...args: Args) => Promise<Result>,
  ): (...args: Args) => Promise<Result> {
    return (...args) => {
      if (!this.open) return new Promise(() => {});
      const result = fn(...args);
      const reply = new Promise<Result>((resolve, reject) => {
        result.then(
          (value) => {
            if (this.open) resolve(value);
          },
          (error: unknown) => {
            if (this.open) reject(error);
          },
        );
      });
      // No rejection is left unhandled: the isolate may be gone by then (its code was stopped),
      // and Node would end the worker for it.
      reply.catch(() => {});
      return reply;
    };
  }

  /** Resolves after `ms`, unless the gate closes first; then it never resolves. */
  readonly sleep = (ms: number, timer: number): Promise<void> =>
    new Promise((resolve) => {
      if (!this.open) return;
      const timeout = setTimeout(() => {
        this.timers.delete(timer);
        if (this.open) resolve();
      }, ms);
      this.timers.set(timer, { timeout, resolve });
    });

  /** Ends a cleared timer's sleep now: the runtime ignores it, and nothing holds it. */
  readonly cancelSleep = (timer: number): void => {
    const sleeping = this.timers.get(timer);
    if (!sleeping) return;
    clearTimeout(sleeping.timeout);
    this.timers.delete(timer);
    if (this.open) sleeping.resolve();
  };

  close(): void {
    this.open = false;
    for (const { timeout } of this.timers.values()) clearTimeout(timeout);
    this.timers.clear();
  }
}
