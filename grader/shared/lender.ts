/** Lends a fixed set of things one borrower at a time; a borrower waits while none is free. */
export class Lender<T> {
  private readonly idle: T[];
  private readonly waiting: ((item: T) => void)[] = [];

  constructor(items: Iterable<T>) {
    this.idle = [...items];
  }

  borrow(): Promise<T> {
    // The one idle longest: a worker just given back may still be tidying up after its job.
    const item = this.idle.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  giveBack(item: T): void {
    const next = this.waiting.shift();
    if (next) next(item);
    else this.idle.push(item);
  }
}
