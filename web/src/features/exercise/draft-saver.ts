import { ApiError } from '../../lib/api-client.ts';

/** What the status line beside the editor says. */
export type SaveStatus =
  /** The starter, never changed: nothing to say. */
  | { state: 'untouched' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'failed'; message: string };

/** The requests a saver makes; `keepalive` ones may outlive the page. */
export interface DraftWrites {
  save(source: string, options: { keepalive: boolean }): Promise<unknown>;
  forget(options: { keepalive: boolean }): Promise<unknown>;
}

/** After the last keystroke: typing sends nothing, and little is at risk when the page goes. */
export const SAVE_DELAY_MS = 600;
/** Waits between attempts when the server is away or failing: doubled each time, up to the max. */
export const RETRY_MS = { first: 2_000, max: 60_000 };

/**
 * Saves an exercise's code on the server as the learner types: once they pause, one write at a
 * time so that writes land in order, again later when the server was away, and at once (with
 * `flush`) when the page is hidden or left. The code itself stays in the editor whatever happens.
 */
export class DraftSaver {
  /** What the server should hold next: code, null for the starter, undefined if it holds it. */
  #pending: string | null | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight = 0;
  #failures = 0;
  /** No write is started before this time (ms since the epoch) but by `flush`. */
  #notBefore = 0;
  #closed = false;

  constructor(
    private readonly writes: DraftWrites,
    private readonly report: (status: SaveStatus) => void,
  ) {}

  /** The learner changed the code. */
  change(source: string): void {
    this.#want(source, SAVE_DELAY_MS);
  }

  /** The learner went back to the starter: the saved code is forgotten. */
  reset(): void {
    this.#want(null, 0);
  }

  /** Sends what is pending now, in a request that outlives the page: it is being hidden or left. */
  flush(): void {
    if (this.#pending === undefined) return;
    this.#cancelTimer();
    void this.#send({ keepalive: true });
  }

  /** Flushes, then neither retries nor reports any more: the editor is gone. */
  close(): void {
    this.flush();
    this.#closed = true;
    this.#cancelTimer();
  }

  #want(source: string | null, delay: number): void {
    this.#pending = source;
    // Told to wait (or the server is away): the failure stays on show until the retry, already
    // set, sends the newest code.
    if (Date.now() < this.#notBefore) return;
    this.#report({ state: 'saving' });
    this.#schedule(delay);
  }

  async #send({ keepalive }: { keepalive: boolean }): Promise<void> {
    // The write in flight sends what came meanwhile when it ends; only a flush cannot wait.
    if (this.#inFlight > 0 && !keepalive) return;
    const source = this.#pending;
    if (source === undefined) return;
    this.#pending = undefined;
    this.#inFlight++;
    try {
      await (source === null
        ? this.writes.forget({ keepalive })
        : this.writes.save(source, { keepalive }));
    } catch (error) {
      this.#inFlight--;
      // Newer code, if any came meanwhile, replaces what failed.
      this.#pending ??= source;
      this.#failed(error as Error);
      return;
    }
    this.#inFlight--;
    this.#failures = 0;
    this.#notBefore = 0;
    if (this.#pending === undefined) {
      if (this.#inFlight === 0) this.#report({ state: 'saved' });
    } else if (!this.#timer) {
      void this.#send({ keepalive: false });
    }
  }

  #failed(error: Error): void {
    this.#report({ state: 'failed', message: error.message });
    // Code the server refused (too long, say) would be refused again: the next change retries.
    if (!(error instanceof ApiError && error.transient)) return;
    this.#failures++;
    const delay =
      error.retryAfter !== undefined
        ? error.retryAfter * 1000
        : Math.min(RETRY_MS.max, RETRY_MS.first * 2 ** (this.#failures - 1));
    this.#notBefore = Date.now() + delay;
    this.#schedule(delay);
  }

  #schedule(delay: number): void {
    this.#cancelTimer();
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#send({ keepalive: false });
    }, delay);
  }

  #cancelTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #report(status: SaveStatus): void {
    if (!this.#closed) this.report(status);
  }
}
