// fails: the lock expires ttlMs milliseconds after acquire
// acquire and extend set ttlMs - 250 ms, a "safety margin" that makes every lock end
// a quarter second before its holder was promised.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const MARGIN_MS = 250;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  const ok = await redis.set(`lock:${name}`, token, 'PX', ttlMs - MARGIN_MS, 'NX');
  return ok === 'OK' ? token : null;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  return (await redis.eval(RELEASE, 1, `lock:${name}`, token)) === 1;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  return (await redis.eval(EXTEND, 1, `lock:${name}`, token, ttlMs - MARGIN_MS)) === 1;
}
