// fails: release deletes the lock it holds the token of, and returns true
// release GETs and DELs in one MULTI without WATCH, compares afterwards, and SETs another
// holder's lock back: for a moment it is gone, and a third worker can take it.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  return (await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX')) === 'OK' ? token : null;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  const key = `lock:${name}`;
  const replies = await redis.multi().get(key).call('PEXPIRETIME', key).del(key).exec();
  const value = replies?.[0]?.[1] as string | null;
  const at = Number(replies?.[1]?.[1]);
  if (value === token) return true;
  if (value !== null && value !== undefined) {
    // not ours after all: put it back as it was
    if (at > 0) await redis.set(key, value, 'PXAT', at);
    else await redis.set(key, value);
  }
  return false;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  return (await redis.eval(EXTEND, 1, `lock:${name}`, token, ttlMs)) === 1;
}
