import type { Host } from './host.ts';

// Taken before learner code runs: a learner's getter on typed arrays or strings cannot make a
// large argument weigh nothing.
const apply = Reflect.apply;
const then = Promise.prototype.then;
const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const byteLengthOf = Object.getOwnPropertyDescriptor(typedArrayPrototype, 'byteLength')?.get as (
  this: unknown,
) => number;
const isView = ArrayBuffer.isView;
const isArray = Array.isArray;
const ownKeys = Reflect.ownKeys;
const getOwn = Reflect.getOwnPropertyDescriptor;

/** The message of the byte limit, the same here and in the worker (CommandBudget). */
export function byteLimitMessage(maxBytes: number): string {
  return `limit hit: your code sent and received more than ${maxBytes / 1024 / 1024} MB to and from Redis in one run (byte limit)`;
}

/**
 * Stops a command whose arguments would take the run past its byte limit before they cross to
 * the worker: crossing copies them, once per command, so a pipeline of forty commands holding
 * one 8 MB Buffer would cost the worker 320 MB before it could count a byte. The worker counts
 * again, exactly, with the replies (see CommandBudget); this count is what the isolate sent and
 * received, so it never refuses what the worker would let through.
 */
export function guardBytes(host: Host, maxBytes: number): Host {
  let used = 0;
  const spend = (bytes: number) => {
    used += bytes;
    if (used > maxBytes) throw new Error(byteLimitMessage(maxBytes));
  };
  const received = (reply: unknown) => {
    used += weigh(reply, 0);
    return reply;
  };
  return {
    ...host,
    send: {
      apply: (receiver, args, options) => {
        try {
          spend(weigh(args[2], 0));
        } catch (error) {
          return Promise.reject(error);
        }
        return apply(then, host.send.apply(receiver, args, options), [received]) as ReturnType<
          Host['send']['apply']
        >;
      },
      applySync: (receiver, args, options) => host.send.applySync(receiver, args, options),
    },
    exec: {
      apply: (receiver, args, options) => {
        try {
          spend(weigh(args[1], 0));
        } catch (error) {
          return Promise.reject(error);
        }
        return apply(then, host.exec.apply(receiver, args, options), [received]) as ReturnType<
          Host['exec']['apply']
        >;
      },
      applySync: (receiver, args, options) => host.exec.applySync(receiver, args, options),
    },
  };
}

/**
 * About what a value weighs on the wire: a string's UTF-16 length (at most a third of its UTF-8
 * bytes short), bytes as they are, containers by their contents. Deep or cyclic values stop
 * counting at a depth ioredis would never send.
 */
function weigh(value: unknown, depth: number): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null || depth > 8) return 8;
  if (isView(value)) {
    try {
      return apply(byteLengthOf, value, []) as number;
    } catch {
      return 8; // a DataView, which is no typed array
    }
  }
  let total = 0;
  if (isArray(value)) {
    for (let index = 0; index < value.length; index++) total += weigh(value[index], depth + 1);
    return total;
  }
  for (const key of ownKeys(value)) {
    const descriptor = getOwn(value, key);
    if (descriptor && 'value' in descriptor) {
      total += (typeof key === 'string' ? key.length : 0) + weigh(descriptor.value, depth + 1);
    }
  }
  return total;
}
