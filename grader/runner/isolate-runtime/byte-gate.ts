import type { Host } from './host.ts';

// Taken before learner code runs: a learner's getter on typed arrays or strings cannot make a
// large argument weigh nothing.
const apply = Reflect.apply;
const then = Promise.prototype.then;
const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
type Getter = (this: unknown) => unknown;
const bufferOfView = Object.getOwnPropertyDescriptor(typedArrayPrototype, 'buffer')?.get as Getter;
const bufferOfDataView = Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer')
  ?.get as Getter;
const byteLengthOfView = Object.getOwnPropertyDescriptor(typedArrayPrototype, 'byteLength')
  ?.get as Getter;
const byteLengthOfDataView = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength')
  ?.get as Getter;
const arrayBufferBytes = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')
  ?.get as Getter;
const NewSet = Set;
const setHas = Set.prototype.has;
const setAdd = Set.prototype.add;
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
  let told = false;
  const spend = (bytes: number) => {
    used += bytes;
    if (used <= maxBytes) return;
    if (!told) host.byteLimitHit.applySync(undefined, [], {});
    told = true;
    throw new Error(byteLimitMessage(maxBytes));
  };
  const received = (reply: unknown) => {
    used += weigh(reply, 0, new NewSet(), false);
    return reply;
  };
  return {
    ...host,
    send: {
      apply: (receiver, args, options) => {
        try {
          spend(weigh(args[2], 0, new NewSet(), true));
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
          spend(weigh(args[1], 0, new NewSet(), true));
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

/** How deep the arguments of a command may nest: ioredis flattens one level of arrays or objects. */
const MAX_DEPTH = 4;

/**
 * About what a value weighs as it crosses: a string's UTF-16 length (at most a third of its
 * UTF-8 bytes short); an argument's bytes by the whole buffer under them, once per buffer, since
 * that is what is copied, however small the view; containers by their contents, getters by what
 * they give. A reply's own bytes are trusted (the worker made it).
 */
function weigh(
  value: unknown,
  depth: number,
  buffers: Set<unknown>,
  /** Arguments: whole buffers, which cross whole. Replies: the bytes themselves. */
  wholeBuffers: boolean,
): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null) return 8;
  // A reply nests as Redis nests it (XREAD in a pipeline, say): counted to a depth, not refused.
  if (!wholeBuffers && depth > 16) return 8;
  if (wholeBuffers && depth > MAX_DEPTH) {
    throw new Error(
      `a Redis command's arguments nest more than ${MAX_DEPTH} levels deep: send strings, numbers and Buffers, in one array or object at most`,
    );
  }
  if (isView(value)) {
    const bytes = viewBytes(value);
    if (!wholeBuffers) return bytes;
    // Sent each time it is named; copied whole once per crossing, however small the view.
    const buffer = bufferUnder(value);
    if (buffer === undefined || apply(setHas, buffers, [buffer])) return bytes;
    apply(setAdd, buffers, [buffer]);
    return Math.max(bytes, apply(arrayBufferBytes, buffer, []) as number);
  }
  let total = 0;
  if (isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      total += weigh(value[index], depth + 1, buffers, wholeBuffers);
    }
    return total;
  }
  const keys = ownKeys(value);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string | symbol;
    const descriptor = getOwn(value, key);
    if (!descriptor) continue;
    const item =
      'value' in descriptor ? descriptor.value : descriptor.get && apply(descriptor.get, value, []);
    total +=
      (typeof key === 'string' ? key.length : 0) + weigh(item, depth + 1, buffers, wholeBuffers);
  }
  return total;
}

/** A view's own length, by the getters taken before learner code. */
function viewBytes(view: ArrayBufferView): number {
  const bytes = either(byteLengthOfView, byteLengthOfDataView, view);
  return typeof bytes === 'number' ? bytes : 8;
}

/** The ArrayBuffer under a typed array or a DataView, by the getters taken before learner code. */
function bufferUnder(view: ArrayBufferView): unknown {
  return either(bufferOfView, bufferOfDataView, view);
}

/**
 * What the typed arrays' getter answers for `view`, or else the DataView's; undefined for
 * neither. No iteration: learner code may have replaced the arrays' iterator.
 */
function either(typedArrays: Getter, dataViews: Getter, view: ArrayBufferView): unknown {
  try {
    return apply(typedArrays, view, []);
  } catch {
    try {
      return apply(dataViews, view, []);
    } catch {
      return undefined;
    }
  }
}
