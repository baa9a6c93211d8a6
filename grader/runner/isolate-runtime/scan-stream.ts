import { EventEmitter } from './event-emitter.ts';
import { nodeBuffer } from './node-buffer.ts';

/** What ioredis's scanStream() and its kin take. */
export interface ScanStreamOptions {
  match?: string;
  type?: string;
  count?: number;
  noValues?: boolean;
}

type Scan = (args: unknown[]) => Promise<[cursor: unknown, batch: unknown]>;

/** How many batches Node's object-mode Readable reads ahead of its reader. */
const READ_AHEAD = 16;

/**
 * ioredis's ScanStream, which is a Readable in object mode: one SCAN (HSCAN, SSCAN, ZSCAN) per
 * batch, each batch an array, until the cursor comes back to 0. It reads as Node's Readable does
 * for the code people write: nothing is scanned until someone reads; `data` events while flowing;
 * batches read ahead (up to 16) even while paused; an empty batch is a batch; `end`, then `close`;
 * `for await` reads batch by batch and stops scanning when the loop ends early.
 */
export class ScanStream extends EventEmitter {
  readonly #scan: Scan;
  readonly #arguments: unknown[];
  readonly #options: ScanStreamOptions;
  #cursor = '0';
  /** The cursor came back to 0, or close() was called: the next read ends the stream. */
  #drained = false;
  /** The SCAN under way, while one is. */
  #reading: Promise<void> | undefined;
  /** Reading was asked for (a `data` listener, resume(), an iterator). */
  #started = false;
  #flowing: boolean | null = null;
  readonly #buffered: unknown[] = [];
  #ended = false;
  #endEmitted = false;
  destroyed = false;
  readonly #wake = new Set<() => void>();
  #failure: { error: unknown } | undefined;

  constructor(scan: Scan, key: unknown, options: ScanStreamOptions = {}) {
    super();
    this.#scan = scan;
    this.#arguments = key === undefined ? [] : [key];
    this.#options = options;
  }

  get readable(): boolean {
    return !this.destroyed && !this.#endEmitted;
  }
  get readableFlowing(): boolean | null {
    return this.#flowing;
  }
  get readableEnded(): boolean {
    return this.#endEmitted;
  }

  override on(event: string | symbol, listener: (...args: unknown[]) => unknown): this {
    super.on(event, listener);
    // As in Node, a `data` listener starts the flow unless the stream was paused on purpose.
    if (event === 'data' && this.#flowing !== false) this.resume();
    return this;
  }
  override addListener(event: string | symbol, listener: (...args: unknown[]) => unknown): this {
    return this.on(event, listener);
  }

  pause(): this {
    if (this.#flowing !== false) {
      this.#flowing = false;
      this.emit('pause');
    }
    return this;
  }

  resume(): this {
    if (this.#flowing !== true) {
      this.#flowing = true;
      queueMicrotask(() => {
        this.emit('resume');
        this.#start();
        this.#flow();
      });
    }
    return this;
  }

  isPaused(): boolean {
    return this.#flowing === false;
  }

  /** ioredis's own: no further SCAN is sent; what was read is still delivered, then `end`. */
  close(): void {
    this.#drained = true;
  }

  destroy(error?: Error): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    queueMicrotask(() => {
      if (error) this.emit('error', error);
      this.emit('close');
    });
    this.#wakeReaders();
    return this;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<unknown, void, undefined> {
    // Node's iterator reads the stream paused, batch by batch, and destroys it when the loop
    // leaves early; an `error` ends the loop with that error.
    if (this.#flowing === null) this.#flowing = false;
    const onError = (error: unknown) => {
      this.#failure = { error };
      this.#wakeReaders();
    };
    super.on('error', onError);
    try {
      this.#start();
      for (;;) {
        if (this.#failure) throw this.#failure.error;
        if (this.#buffered.length > 0) {
          const batch = this.#buffered.shift();
          this.#readMore();
          yield batch;
        } else if (this.#ended || this.destroyed) {
          if (!this.destroyed) this.#finish();
          return;
        } else {
          await new Promise<void>((resolve) => this.#wake.add(resolve));
        }
      }
    } finally {
      this.removeListener('error', onError);
      if (!this.#endEmitted) {
        this.destroy();
        // The loop moves on once the SCAN read ahead is answered: nothing after it waits on that
        // reply, but the code that left the loop must not seem to leave a command unanswered.
        await this.#reading?.catch(() => {});
      }
    }
  }

  #start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#readMore();
  }

  /** Sends the next SCAN while fewer than READ_AHEAD batches wait to be read. */
  #readMore(): void {
    if (this.#reading || this.#ended || this.destroyed) return;
    if (this.#buffered.length >= READ_AHEAD) return;
    if (this.#drained) {
      this.#ended = true;
      this.#flow();
      this.#wakeReaders();
      return;
    }
    this.#reading = this.#scan([
      ...this.#arguments,
      this.#cursor,
      ...scanOptions(this.#options),
    ]).then(
      ([cursor, batch]) => {
        this.#reading = undefined;
        this.#cursor = cursor instanceof nodeBuffer() ? cursor.toString() : String(cursor);
        if (this.#cursor === '0') this.#drained = true;
        if (this.destroyed) return;
        this.#buffered.push(batch);
        this.#flow();
        this.#wakeReaders();
        this.#readMore();
      },
      (error: unknown) => {
        this.#reading = undefined;
        this.emit('error', error);
      },
    );
  }

  #flow(): void {
    while (this.#flowing && this.#buffered.length > 0 && !this.destroyed) {
      this.emit('data', this.#buffered.shift());
    }
    if (this.#flowing) this.#readMore();
    if (this.#flowing && this.#ended && this.#buffered.length === 0) this.#finish();
  }

  #finish(): void {
    if (this.#endEmitted) return;
    this.#endEmitted = true;
    queueMicrotask(() => {
      this.emit('end');
      // Node destroys a Readable once it ended (autoDestroy), which emits `close`.
      this.destroyed = true;
      queueMicrotask(() => this.emit('close'));
    });
  }

  #wakeReaders(): void {
    for (const wake of this.#wake) wake();
    this.#wake.clear();
  }
}

/** ScanStream's arguments after the cursor, in its order. */
function scanOptions({ match, type, count, noValues }: ScanStreamOptions): unknown[] {
  const args: unknown[] = [];
  if (match) args.push('MATCH', match);
  if (type) args.push('TYPE', type);
  if (count) args.push('COUNT', String(count));
  if (noValues) args.push('NOVALUES');
  return args;
}
