import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DIGEST_INPUT_LIMIT_BYTES } from './isolate-runtime/hashes.ts';
import { sandboxDigest } from './sandbox-digest.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe("the worker's digests for the sandbox", () => {
  it('hashes the chunks, or their HMAC with a key, as node:crypto does', () => {
    expect(sandboxDigest('sha256', null, [bytes('ab'), bytes('c')], undefined)).toEqual({
      value: new Uint8Array(createHash('sha256').update('abc').digest()),
    });
    expect(sandboxDigest('sha1', bytes('key'), [bytes('abc')], undefined)).toEqual({
      value: new Uint8Array(createHmac('sha1', 'key').update('abc').digest()),
    });
  });

  it("answers node:crypto's errors as data", () => {
    expect(sandboxDigest('nope', bytes('k'), [], undefined)).toEqual({
      error: {
        name: 'TypeError',
        message: 'Invalid digest: nope',
        code: 'ERR_CRYPTO_INVALID_DIGEST',
        bracketed: false,
      },
    });
  });

  it('refuses more input than one large Redis value, and anything but bytes', () => {
    const half = new Uint8Array(DIGEST_INPUT_LIMIT_BYTES / 2);
    expect(sandboxDigest('md5', new Uint8Array(1), [half, half], undefined)).toMatchObject({
      error: { name: 'RangeError', message: expect.stringMatching(/at most 16 MB per digest/) },
    });
    expect(sandboxDigest('md5', null, ['text'], undefined)).toMatchObject({
      error: { name: 'TypeError' },
    });
    expect(sandboxDigest('shake256', null, [], 1_000_000_000)).toMatchObject({
      error: { name: 'RangeError' },
    });
  });
});
