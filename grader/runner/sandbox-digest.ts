import { createHash, createHmac } from 'node:crypto';
import { asHostError } from './host-errors.ts';
import { DIGEST_INPUT_LIMIT_BYTES } from './isolate-runtime/hashes.ts';
import type { HostOutcome } from './isolate-runtime/node-errors.ts';

/** The longest output asked of an extendable hash (shake128, shake256). */
const DIGEST_OUTPUT_LIMIT_BYTES = 65_536;

/**
 * The host function behind the sandbox's createHash and createHmac: a hash (without a key) or an
 * HMAC of the chunks. Its arguments come from the isolate, so they are checked here again, sizes
 * included: learner code must not make the worker hash more than one large Redis value at a time.
 */
export function sandboxDigest(
  algorithm: unknown,
  key: unknown,
  chunks: unknown,
  outputLength: unknown,
): HostOutcome<Uint8Array> {
  try {
    if (
      typeof algorithm !== 'string' ||
      !(key === null || key instanceof Uint8Array) ||
      !Array.isArray(chunks) ||
      !chunks.every((chunk) => chunk instanceof Uint8Array)
    ) {
      throw new TypeError('the sandbox asked for a digest of something other than bytes');
    }
    const size = (chunks as Uint8Array[]).reduce(
      (sum, chunk) => sum + chunk.byteLength,
      key?.byteLength ?? 0,
    );
    if (size > DIGEST_INPUT_LIMIT_BYTES) {
      throw new RangeError(
        `the Keyspace sandbox hashes at most ${DIGEST_INPUT_LIMIT_BYTES / 1024 / 1024} MB per digest`,
      );
    }
    if (typeof outputLength === 'number' && outputLength > DIGEST_OUTPUT_LIMIT_BYTES) {
      throw new RangeError(
        `the Keyspace sandbox makes digests of at most ${DIGEST_OUTPUT_LIMIT_BYTES} bytes`,
      );
    }
    const hash =
      key === null
        ? createHash(
            algorithm,
            outputLength === undefined ? undefined : { outputLength: outputLength as number },
          )
        : createHmac(algorithm, key);
    for (const chunk of chunks as Uint8Array[]) hash.update(chunk);
    return { value: new Uint8Array(hash.digest()) };
  } catch (error) {
    return { error: asHostError(error) };
  }
}
