// Node's EventEmitter, as much of it as code written for Node uses: ioredis clients and scan
// streams are emitters, and learner code waits on them with `once(client, 'ready')` or
// `for await (const [channel, message] of on(subscriber, 'message'))`.

type Listener = (...args: unknown[]) => unknown;
/** A `once` listener is stored wrapped; the wrapper knows the listener it stands for. */
type Stored = Listener & { listener?: Listener };

export class EventEmitter {
  static defaultMaxListeners = 10;
  // `import EventEmitter from 'events'` gives the class, which Node hangs the module's other
  // exports on.
  static EventEmitter = EventEmitter;
  static once = once;
  static on = on;
  #listeners = new Map<string | symbol, Stored[]>();
  #maxListeners = EventEmitter.defaultMaxListeners;

  on(event: string | symbol, listener: Listener): this {
    return this.#add(event, listener, listener, false);
  }
  addListener(event: string | symbol, listener: Listener): this {
    return this.#add(event, listener, listener, false);
  }
  prependListener(event: string | symbol, listener: Listener): this {
    return this.#add(event, listener, listener, true);
  }
  once(event: string | symbol, listener: Listener): this {
    return this.#add(event, listener, this.#onceWrapper(event, listener), false);
  }
  prependOnceListener(event: string | symbol, listener: Listener): this {
    return this.#add(event, listener, this.#onceWrapper(event, listener), true);
  }

  off(event: string | symbol, listener: Listener): this {
    return this.removeListener(event, listener);
  }
  removeListener(event: string | symbol, listener: Listener): this {
    const stored = this.#listeners.get(event);
    // The last added goes first, as in Node.
    const index =
      stored?.findLastIndex((item) => item === listener || item.listener === listener) ?? -1;
    if (!stored || index < 0) return this;
    stored.splice(index, 1);
    if (stored.length === 0) this.#listeners.delete(event);
    if (this.#listeners.has('removeListener')) this.emit('removeListener', event, listener);
    return this;
  }
  removeAllListeners(event?: string | symbol): this {
    const events = event === undefined ? [...this.#listeners.keys()] : [event];
    for (const name of events) {
      if (name === 'removeListener' && event === undefined) continue;
      for (const stored of [...(this.#listeners.get(name) ?? [])].reverse()) {
        this.removeListener(name, stored.listener ?? stored);
      }
    }
    if (event === undefined) this.#listeners.delete('removeListener');
    return this;
  }

  emit(event: string | symbol, ...args: unknown[]): boolean {
    const stored = this.#listeners.get(event);
    if (!stored) {
      if (event === 'error') throw unhandled(args[0]);
      return false;
    }
    // A copy: listeners added or removed by a listener take effect from the next emit.
    for (const listener of [...stored]) listener.apply(this, args);
    return true;
  }

  listeners(event: string | symbol): Listener[] {
    return (this.#listeners.get(event) ?? []).map((stored) => stored.listener ?? stored);
  }
  rawListeners(event: string | symbol): Listener[] {
    return [...(this.#listeners.get(event) ?? [])];
  }
  listenerCount(event: string | symbol, listener?: Listener): number {
    const stored = this.#listeners.get(event) ?? [];
    if (!listener) return stored.length;
    return stored.filter((item) => item === listener || item.listener === listener).length;
  }
  eventNames(): (string | symbol)[] {
    return [...this.#listeners.keys()];
  }
  setMaxListeners(count: number): this {
    this.#maxListeners = count;
    return this;
  }
  getMaxListeners(): number {
    return this.#maxListeners;
  }

  #add(event: string | symbol, listener: Listener, stored: Stored, prepend: boolean): this {
    if (typeof listener !== 'function') {
      throw new TypeError(`The "listener" argument must be of type function`);
    }
    if (this.#listeners.has('newListener')) this.emit('newListener', event, listener);
    const list = this.#listeners.get(event) ?? [];
    if (prepend) list.unshift(stored);
    else list.push(stored);
    this.#listeners.set(event, list);
    return this;
  }

  #onceWrapper(event: string | symbol, listener: Listener): Stored {
    let fired = false;
    const wrapper: Stored = (...args: unknown[]) => {
      if (fired) return undefined;
      fired = true;
      this.removeListener(event, wrapper);
      return listener.apply(this, args);
    };
    wrapper.listener = listener;
    return wrapper;
  }
}

function unhandled(error: unknown): Error {
  if (error instanceof Error) return error;
  const wrapped = new Error(`Unhandled error. (${String(error)})`);
  return Object.assign(wrapped, { code: 'ERR_UNHANDLED_ERROR', context: error });
}

/** Resolves with the arguments of the emitter's next `event`; rejects on an `error` first. */
export function once(emitter: EventEmitter, event: string | symbol): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const onEvent = (...args: unknown[]) => {
      if (event !== 'error') emitter.removeListener('error', onError);
      resolve(args);
    };
    const onError = (error: unknown) => {
      emitter.removeListener(event, onEvent);
      reject(error);
    };
    emitter.once(event, onEvent);
    if (event !== 'error') emitter.once('error', onError);
  });
}

/** The emitter's `event`s, each as its array of arguments, until the loop ends or an `error`. */
export function on(
  emitter: EventEmitter,
  event: string | symbol,
): AsyncIterableIterator<unknown[]> {
  const queued: unknown[][] = [];
  const waiting: { resolve: (result: IteratorResult<unknown[]>) => void; reject: Listener }[] = [];
  let failure: { error: unknown } | undefined;
  let finished = false;
  const onEvent = (...args: unknown[]) => {
    const next = waiting.shift();
    if (next) next.resolve({ value: args, done: false });
    else queued.push(args);
  };
  const onError = (error: unknown) => {
    stop();
    const next = waiting.shift();
    if (next) next.reject(error);
    else failure = { error };
  };
  const stop = () => {
    finished = true;
    emitter.removeListener(event, onEvent);
    emitter.removeListener('error', onError);
    for (const next of waiting.splice(0)) next.resolve({ value: undefined, done: true });
  };
  emitter.on(event, onEvent);
  if (event !== 'error') emitter.on('error', onError);
  return {
    next() {
      const args = queued.shift();
      if (args) return Promise.resolve({ value: args, done: false });
      if (failure) {
        const { error } = failure;
        failure = undefined;
        return Promise.reject(error);
      }
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      stop();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** The `events` module, as `import EventEmitter, { once } from 'node:events'` sees it. */
export const eventsModule = { EventEmitter, once, on, default: EventEmitter };
