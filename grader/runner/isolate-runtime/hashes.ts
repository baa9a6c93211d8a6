import type { Buffer } from 'buffer';
import type { Host } from './host.ts';
import { nodeBuffer } from './node-buffer.ts';
import { invalidArgType, invalidArgValue, nodeError, received, unwrap } from './node-errors.ts';

// node:crypto's createHash, createHmac and timingSafeEqual. The isolate only gathers the bytes;
// the worker's own node:crypto computes the digest, so every algorithm OpenSSL knows gives
// exactly Node's answer.

/** Bytes one digest may cover, the key included: a value as large as Redis takes by default. */
export const DIGEST_INPUT_LIMIT_BYTES = 16 * 1024 * 1024;

const DATA_TYPES = 'of type string or an instance of Buffer, TypedArray, or DataView';
const KEY_TYPES =
  'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey';
/** What hash.update() reads a string as: Node takes an encoding it does not know for UTF-8. */
const STRING_ENCODINGS = new Set(
  'utf8 utf-8 ucs2 ucs-2 utf16le utf-16le latin1 binary base64 base64url hex ascii'.split(' '),
);

const finalized = () => nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');

function viewBytes(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function dataBytes(data: unknown, encoding: unknown): Uint8Array {
  if (typeof data === 'string') {
    const name = typeof encoding === 'string' ? encoding.toLowerCase() : 'utf8';
    if (name === 'hex' && data.length % 2 !== 0) {
      throw invalidArgValue('encoding', encoding, `is invalid for data of length ${data.length}`);
    }
    return nodeBuffer().from(data, (STRING_ENCODINGS.has(name) ? name : 'utf8') as 'utf8');
  }
  if (ArrayBuffer.isView(data)) return viewBytes(data).slice();
  throw invalidArgType('data', DATA_TYPES, data);
}

/** digest()'s output: a string in an encoding Node knows, else a Buffer (as Node does). */
function encodeDigest(bytes: Uint8Array, encoding: unknown): Buffer | string {
  const buffer = nodeBuffer().from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const name = typeof encoding === 'string' ? encoding.toLowerCase() : '';
  return STRING_ENCODINGS.has(name) ? buffer.toString(name as 'utf8') : buffer;
}

export function createHashes(digestRef: Host['digest']) {
  const digest = (
    algorithm: string,
    key: Uint8Array | null,
    chunks: Uint8Array[],
    outputLength: number | undefined,
  ) =>
    unwrap(
      digestRef.applySync(undefined, [algorithm, key, chunks, outputLength], {
        arguments: { copy: true },
        result: { copy: true },
      }),
    );

  class Gathered {
    protected chunks: Uint8Array[] = [];
    protected size = 0;
    protected done = false;

    protected constructor(
      protected readonly algorithm: string,
      protected readonly key: Uint8Array | null,
      protected readonly outputLength: number | undefined,
    ) {}

    update(data: unknown, encoding?: unknown): this {
      if (this.done) throw finalized();
      const bytes = dataBytes(data, encoding);
      this.size += bytes.byteLength;
      if (this.size + (this.key?.byteLength ?? 0) > DIGEST_INPUT_LIMIT_BYTES) {
        throw new RangeError(
          `the Keyspace sandbox hashes at most ${DIGEST_INPUT_LIMIT_BYTES / 1024 / 1024} MB per digest`,
        );
      }
      this.chunks.push(bytes);
      return this;
    }

    protected finish(): Uint8Array {
      this.done = true;
      // One copy across to the worker, however many updates there were.
      const data = nodeBuffer().concat(this.chunks);
      this.chunks = [];
      return digest(this.algorithm, this.key, [data], this.outputLength);
    }
  }

  class Hash extends Gathered {
    constructor(algorithm: unknown, options?: unknown, from?: Hash) {
      if (typeof algorithm !== 'string') {
        throw invalidArgType('algorithm', 'of type string', algorithm);
      }
      const outputLength = (options as { outputLength?: unknown } | null | undefined)?.outputLength;
      if (outputLength !== undefined && typeof outputLength !== 'number') {
        throw nodeError(
          TypeError,
          'ERR_INVALID_ARG_TYPE',
          `The "options.outputLength" property must be of type number. ${received(outputLength)}`,
        );
      }
      super(algorithm, null, outputLength);
      if (from) {
        this.chunks = [...from.chunks];
        this.size = from.size;
      } else {
        // Node refuses an unknown algorithm as the hash is made, not at its digest.
        digest(algorithm, null, [], outputLength);
      }
    }

    digest(encoding?: unknown): Buffer | string {
      if (this.done) throw finalized();
      return encodeDigest(this.finish(), encoding);
    }

    copy(options?: unknown): Hash {
      if (this.done) throw finalized();
      return new Hash(this.algorithm, options ?? { outputLength: this.outputLength }, this);
    }
  }

  class Hmac extends Gathered {
    constructor(algorithm: unknown, key: unknown, options?: unknown) {
      if (typeof algorithm !== 'string') throw invalidArgType('hmac', 'of type string', algorithm);
      let keyBytes: Uint8Array;
      if (typeof key === 'string') {
        const encoding = (options as { encoding?: string } | null | undefined)?.encoding;
        keyBytes = nodeBuffer().from(key, (encoding ?? 'utf8') as 'utf8');
      } else if (ArrayBuffer.isView(key)) {
        keyBytes = viewBytes(key).slice();
      } else if (key instanceof ArrayBuffer) {
        keyBytes = new Uint8Array(key.slice(0));
      } else {
        throw invalidArgType('key', KEY_TYPES, key);
      }
      super(algorithm, keyBytes, undefined);
      digest(algorithm, keyBytes, [], undefined);
    }

    /** A second digest gives nothing, as Node's Hmac does. */
    digest(encoding?: unknown): Buffer | string {
      return encodeDigest(this.done ? new Uint8Array(0) : this.finish(), encoding);
    }
  }

  const timingSafeEqual = (a: unknown, b: unknown): boolean => {
    const bytes = [a, b].map((value, index) => {
      if (ArrayBuffer.isView(value)) return viewBytes(value);
      if (value instanceof ArrayBuffer) return new Uint8Array(value);
      throw nodeError(
        TypeError,
        'ERR_INVALID_ARG_TYPE',
        `The "buf${index + 1}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`,
        false,
      );
    }) as [Uint8Array, Uint8Array];
    if (bytes[0].byteLength !== bytes[1].byteLength) {
      throw nodeError(
        RangeError,
        'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH',
        'Input buffers must have the same byte length',
        false,
      );
    }
    let difference = 0;
    for (let i = 0; i < bytes[0].byteLength; i++) {
      difference |= (bytes[0][i] ?? 0) ^ (bytes[1][i] ?? 0);
    }
    return difference === 0;
  };

  return {
    createHash: (algorithm: unknown, options?: unknown) => new Hash(algorithm, options),
    createHmac: (algorithm: unknown, key: unknown, options?: unknown) =>
      new Hmac(algorithm, key, options),
    timingSafeEqual,
  };
}
