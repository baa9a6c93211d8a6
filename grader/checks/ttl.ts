import type Redis from 'ioredis';
import type { TtlWindow } from './api.ts';
import { CheckFailure } from './expect.ts';

/** How far below the asked TTL a key may be by the time the check reads it. */
const DEFAULT_TOLERANCE_MS = 2_000;

/**
 * Judges a key's time to live by PTTL, in milliseconds, within a window: EX, PX, EXAT, PXAT and
 * an EXPIRE after the write all pass alike when they give the key the time asked for; a TTL a
 * few seconds short, or a key with none, fails with what was found.
 */
export async function expectTtl(redis: Redis, key: string, window: TtlWindow): Promise<void> {
  const { max, min } = bounds(window);
  const pttl = await redis.pttl(key);
  const wanted = min === max ? `${seconds(max)}` : `${seconds(min)} to ${seconds(max)}`;
  // PTTL's -1 (no TTL) and -2 (no key) are answers, not times: no window holds them.
  if (pttl >= 0 && pttl >= min && pttl <= max) return;
  const found =
    pttl === -2
      ? 'the key does not exist'
      : pttl === -1
        ? 'the key never expires (no TTL)'
        : `PTTL ${pttl} ms (${seconds(pttl)})`;
  throw new CheckFailure(`the TTL of ${key}: expected ${wanted}, but ${found}`, wanted, found);
}

function bounds(window: TtlWindow): { min: number; max: number } {
  if ('seconds' in window) {
    const max = window.seconds * 1000;
    return { max, min: Math.max(0, max - (window.toleranceMs ?? DEFAULT_TOLERANCE_MS)) };
  }
  return { min: window.minMs, max: window.maxMs };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
