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
      if (!(result instanceof Promise)) return result;
      // A reply that comes after the check ended never arrives: the code awaiting it was left
      // behind by that check, and must not wake up in the next one (the context is shared by
      // every check of a run). No rejection is left unhandled either: the isolate may be gone by
      // then, and Node would end the worker for it.
      const reply = new Promise((resolve, reject) => {
        result.then(
          (value) => {
            if (this.open) resolve(value);
          },
          (error: unknown) => {
            if (this.open) reject(error);
          },
        );
      });
      reply.catch(() => {});
      return reply as Result;
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
