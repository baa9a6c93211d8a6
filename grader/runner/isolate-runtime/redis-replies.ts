import { nodeBuffer } from './node-buffer.ts';

export type Callback = (error: Error | null, value?: unknown) => void;

export const COPY = {
  arguments: { copy: true },
  result: { promise: true, copy: true },
} as const;

/** ioredis's message for a command on a client that is closed, or closing. */
export const CONNECTION_CLOSED = 'Connection is closed.';

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

export function settle<T>(reply: Promise<T>, callback: Callback | undefined): Promise<T> {
  if (callback)
    reply.then(
      (value) => callback(null, value),
      (error: Error) => callback(error),
    );
  return reply;
}

export function takeCallback(args: unknown[]): Callback | undefined {
  return typeof args[args.length - 1] === 'function' ? (args.pop() as Callback) : undefined;
}

/**
 * A prototype that answers every ioredis command method without defining hundreds of
 * properties (which would cost milliseconds per isolate): a lookup that misses the class
 * falls through to this Proxy, and then to `parent`.
 */
export function commandPrototype(
  methods: ReadonlySet<string>,
  make: (method: string) => unknown,
  parent: object = Object.prototype,
): object {
  const made = new Map<string, unknown>();
  // The target inherits from `parent`, so that `instanceof` sees it through the Proxy.
  return new Proxy(Object.create(parent) as object, {
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
