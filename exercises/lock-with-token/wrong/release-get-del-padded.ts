// fails: release deletes the lock it holds the token of, and returns true
// release GETs, compares in JavaScript, then DELs, with PINGs around them that only
// make the gap between GET and DEL harder for a race to hit.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

async function healthCheck(redis: Redis): Promise<void> {
  for (let i = 0; i < 40; i++) await redis.ping();
}

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  return (await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX')) === 'OK' ? token : null;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  const key = `lock:${name}`;
  await healthCheck(redis);
  const held = await redis.get(key);
  const released = held === token && (await redis.del(key)) === 1;
  await healthCheck(redis);
  return released;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  return (await redis.eval(EXTEND, 1, `lock:${name}`, token, ttlMs)) === 1;
}
