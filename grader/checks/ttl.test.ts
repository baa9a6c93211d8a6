import { describe, expect, it } from 'vitest';
import { trustedSandbox } from '../test/trusted-sandbox.ts';
import { CheckFailure } from './expect.ts';
import { expectTtl } from './ttl.ts';

describe('TTLs judged by PTTL within a window', () => {
  const sandbox = trustedSandbox();

  it('accepts EX, PX, EXAT, PXAT and EXPIRE after SET alike', async () => {
    const now = Date.now();
    await sandbox.redis.set('ex', 'v', 'EX', 60);
    await sandbox.redis.set('px', 'v', 'PX', 60_000);
    await sandbox.redis.set('exat', 'v', 'EXAT', Math.floor(now / 1000) + 60);
    await sandbox.redis.set('pxat', 'v', 'PXAT', now + 60_000);
    await sandbox.redis.set('expire', 'v');
    await sandbox.redis.expire('expire', 60);
    for (const key of ['ex', 'px', 'exat', 'pxat', 'expire']) {
      await expect(expectTtl(sandbox.redis, key, { seconds: 60 })).resolves.toBeUndefined();
    }
  });

  it('refuses a TTL a few seconds short, saying what it found', async () => {
    await sandbox.redis.set('short', 'v', 'EX', 55);
    const failure = await expectTtl(sandbox.redis, 'short', { seconds: 60 }).catch(
      (error) => error,
    );
    expect(failure).toBeInstanceOf(CheckFailure);
    expect(failure.message).toMatch(/^the TTL of short: expected 58 s to 60 s, but PTTL 5\d{4} ms/);
  });

  it('refuses a key that never expires, and one that does not exist', async () => {
    await sandbox.redis.set('forever', 'v');
    await expect(expectTtl(sandbox.redis, 'forever', { seconds: 60 })).rejects.toThrow(
      'the TTL of forever: expected 58 s to 60 s, but the key never expires (no TTL)',
    );
    await expect(expectTtl(sandbox.redis, 'missing', { minMs: 1, maxMs: 10 })).rejects.toThrow(
      'the TTL of missing: expected 0.001 s to 0.01 s, but the key does not exist',
    );
  });

  it('holds a short window to a real TTL: no TTL and no key fail even under a second', async () => {
    await sandbox.redis.set('no-ttl', 'v');
    await expect(expectTtl(sandbox.redis, 'no-ttl', { seconds: 1 })).rejects.toThrow(
      /never expires/,
    );
    await expect(expectTtl(sandbox.redis, 'gone', { seconds: 1 })).rejects.toThrow(
      /does not exist/,
    );
    await sandbox.redis.set('second', 'v', 'PX', 900);
    await expect(expectTtl(sandbox.redis, 'second', { seconds: 1 })).resolves.toBeUndefined();
  });
});
