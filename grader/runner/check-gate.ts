/**
 * Everything the worker lends one check goes through its gate. When the check ends the gate
 * closes: a timer or promise left running by that check can no longer reach Redis or wake up.
 */
export class CheckGate {
  private open = true;
  private readonly timers = new Set<NodeJS.Timeout>();

  guard<Args extends unknown[], Result>(fn: (...args: Args) => Result): (...args: Args) => Result {
    return (...args) => {
      if (!this.open) {
        throw new Error('this check is over: work left running by it cannot reach Redis any more');
      }
      const result = fn(...args);
      // The isolate may be gone by the time a reply fails (its code was stopped); nobody would
      // then handle the rejection and Node would end the worker for it. The isolate, when still
      // there, handles the original promise.
      if (result instanceof Promise) result.catch(() => {});
      return result;
    };
  }

  /** Resolves after `ms`, unless the gate closes first; then it never resolves. */
  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (!this.open) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.open) resolve();
      }, ms);
      this.timers.add(timer);
    });

  close(): void {
    this.open = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
