import type { Host } from './host.ts';
import { nodeBuffer } from './node-buffer.ts';

type Callback = (error: Error | null, value?: unknown) => void;

const COPY = { arguments: { copy: true }, result: { promise: true, copy: true } } as const;

/** Binary replies cross the boundary as Uint8Array; ioredis gives Buffers, so do we. */
export function withBuffers(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return nodeBuffer().from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(withBuffers);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withBuffers(item)]));
  }
  return value;
}

function settle<T>(reply: Promise<T>, callback: Callback | undefined): Promise<T> {
  if (callback)
    reply.then(
      (value) => callback(null, value),
      (error: Error) => callback(error),
    );
  return reply;
}

function takeCallback(args: unknown[]): Callback | undefined {
  return typeof args[args.length - 1] === 'function' ? (args.pop() as Callback) : undefined;
}

/**
 * A prototype that answers every ioredis command method without defining hundreds of
 * properties (which would cost milliseconds per isolate): a lookup that misses the class
 * falls through to this Proxy.
 */
function commandPrototype(methods: ReadonlySet<string>, make: (method: string) => unknown): object {
  const made = new Map<string, unknown>();
  return new Proxy(Object.prototype, {
    get(target, property, receiver) {
      if (typeof property !== 'string' || !methods.has(property)) {
        return Reflect.get(target, property, receiver);
      }
      let method = made.get(property);
      if (!method) {
        method = make(property);
        made.set(property, method);
      }
      return method;
    },
    has(target, property) {
      return (
        (typeof property === 'string' && methods.has(property)) || Reflect.has(target, property)
      );
    },
  });
}

/** ioredis's command method names, written into the bundle by runtime-bundle.ts. */
declare const KEYSPACE_COMMAND_METHODS: readonly string[];

export function createRedisClass(host: Host) {
  const methods = new Set(KEYSPACE_COMMAND_METHODS);
  const ids = new WeakMap<object, number>();
  let lastId = 0;

  const send = (client: object, method: string, args: unknown[]) => {
    const callback = takeCallback(args);
    const reply = host.send
      .apply(undefined, [ids.get(client) ?? 0, method, args], COPY)
      .then(withBuffers);
    return settle(reply, callback);
  };

  class Pipeline {
    readonly #client: object;
    readonly #atomic: boolean;
    readonly #commands: unknown[][];

    constructor(client: object, atomic: boolean, commands: unknown[][] = []) {
      this.#client = client;
      this.#atomic = atomic;
      this.#commands = commands.map((command) => [...command]);
    }

    get length(): number {
      return this.#commands.length;
    }

    queue(method: string, args: unknown[]): this {
      this.#commands.push([method, ...args]);
      return this;
    }

    exec(callback?: Callback): Promise<[Error | null, unknown][] | null> {
      const reply = host.exec
        .apply(undefined, [ids.get(this.#client) ?? 0, this.#commands, this.#atomic], COPY)
        .then((results) =>
          results === null
            ? null
            : results.map(({ error, value }): [Error | null, unknown] =>
                error === undefined ? [null, withBuffers(value)] : [new Error(error), undefined],
              ),
        );
      return settle(reply, callback);
    }
  }
  Object.setPrototypeOf(
    Pipeline.prototype,
    commandPrototype(
      methods,
      (method) =>
        function (this: Pipeline, ...args: unknown[]) {
          return this.queue(method, args);
        },
    ),
  );

  class Redis {
    status = 'ready';
    readonly options: Record<string, unknown> = {};

    // Host, port, URL and options are accepted and ignored: every client in a run reaches
    // that run's sandbox, so the code a learner writes at home works here unchanged.
    constructor(..._connection: unknown[]) {
      ids.set(this, ++lastId);
    }

    call(...args: unknown[]) {
      return send(this, 'call', args);
    }
    callBuffer(...args: unknown[]) {
      return send(this, 'callBuffer', args);
    }
    pipeline(commands?: unknown[][]) {
      return new Pipeline(this, false, commands);
    }
    multi(commands?: unknown[][] | Record<string, unknown>) {
      return new Pipeline(this, true, Array.isArray(commands) ? commands : []);
    }
    connect(callback?: Callback) {
      return settle(Promise.resolve(), callback);
    }
    disconnect() {
      this.status = 'end';
    }
    duplicate() {
      return new Redis();
    }
    // Events never fire here (the connection is the sandbox's); listening is harmless.
    on() {
      return this;
    }
    once() {
      return this;
    }
    off() {
      return this;
    }
    removeListener() {
      return this;
    }
    removeAllListeners() {
      return this;
    }
  }
  Object.setPrototypeOf(
    Redis.prototype,
    commandPrototype(
      methods,
      (method) =>
        function (this: Redis, ...args: unknown[]) {
          return send(this, method, args);
        },
    ),
  );

  return Redis;
}
