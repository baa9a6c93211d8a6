import type { Buffer } from 'buffer';
import type { Host, RandomApi } from './host.ts';
import { nodeBuffer } from './node-buffer.ts';
import { invalidArgType, unwrap } from './node-errors.ts';

// node:crypto's random values. Each one is drawn by the worker, which records it with the API that
// asked for it (checks read the record: see RandomnessRecord), and checks the arguments with
// Node's own randomBytes and randomInt, so their errors are Node's.

const INTEGER_ARRAYS = new Set(
  'Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array Int32Array Uint32Array BigInt64Array BigUint64Array'.split(
    ' ',
  ),
);
const typedArrayName = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype),
  Symbol.toStringTag,
)?.get as (this: unknown) => string | undefined;

/** What a structured copy can carry to the worker as it is: the worker checks it as Node would. */
const copyable = (value: unknown) =>
  value === null || !['object', 'function', 'symbol'].includes(typeof value);

/** Web Crypto's errors are DOMExceptions, which the isolate has none of: same name and code. */
function domError(name: string, code: number, message: string): Error {
  return Object.assign(new Error(message), { name, code });
}

function later(callback: (...args: unknown[]) => void, value: unknown): void {
  Promise.resolve().then(() => {
    try {
      callback(null, value);
    } catch (error) {
      console.error('Uncaught error in a callback:', error);
    }
  });
}

function checkCallback(callback: unknown): void {
  if (typeof callback !== 'function') {
    throw invalidArgType('callback', 'of type function', callback);
  }
}

export function createRandom(randomRef: Host['random']) {
  const draw = (api: RandomApi, args: unknown[]) =>
    unwrap(
      randomRef.applySync(undefined, [api, args], {
        arguments: { copy: true },
        result: { copy: true },
      }),
    );

  function randomBytes(size: unknown): Buffer;
  function randomBytes(size: unknown, callback: (error: Error | null, bytes: Buffer) => void): void;
  function randomBytes(size: unknown, callback?: unknown): Buffer | undefined {
    if (!copyable(size)) throw invalidArgType('size', 'of type number', size);
    const bytes = draw('randomBytes', [size]) as Uint8Array;
    const buffer = nodeBuffer().from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (callback === undefined) return buffer;
    checkCallback(callback);
    later(callback as (...args: unknown[]) => void, buffer);
    return undefined;
  }

  const randomUUID = (options?: unknown): string => {
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw invalidArgType('options', 'of type object', options);
    }
    return draw('randomUUID', []) as string;
  };

  function randomInt(max: unknown): number;
  function randomInt(min: unknown, max: unknown): number;
  function randomInt(...args: unknown[]): number | undefined {
    // Node's reading of randomInt([min, ]max[, callback]).
    const minGiven = !(args[1] === undefined || typeof args[1] === 'function');
    const [min, max, callback] = minGiven ? args : [0, args[0], args[1]];
    if (callback !== undefined) checkCallback(callback);
    for (const [name, value] of [
      ['min', min],
      ['max', max],
    ] as const) {
      if (!copyable(value)) throw invalidArgType(name, 'a safe integer', value);
    }
    const value = draw('randomInt', minGiven ? [min, max] : [max]) as number;
    if (callback === undefined) return value;
    later(callback as (...args: unknown[]) => void, value);
    return undefined;
  }

  const getRandomValues = <T extends ArrayBufferView>(array: T): T => {
    const name = ArrayBuffer.isView(array) ? typedArrayName.call(array) : undefined;
    if (!name || !INTEGER_ARRAYS.has(name)) {
      throw domError(
        'TypeMismatchError',
        17,
        'The data argument must be an integer-type TypedArray',
      );
    }
    if (array.byteLength > 65_536) {
      throw domError('QuotaExceededError', 22, 'The requested length exceeds 65,536 bytes');
    }
    const bytes = draw('getRandomValues', [array.byteLength]) as Uint8Array;
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
    return array;
  };

  return { randomBytes, randomUUID, randomInt, getRandomValues };
}
