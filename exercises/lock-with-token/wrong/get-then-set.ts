// fails: of two acquires at the same time, exactly one gets the lock
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Looks first, then writes: two workers can both see no lock, and both take it.
export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const key = `lock:${name}`;
  if ((await redis.exists(key)) === 1) return null;
  const token = randomUUID();
  await redis.set(key, token, 'PX', ttlMs);
  return token;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  const script = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;
  return (await redis.eval(script, 1, `lock:${name}`, token)) === 1;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  const script = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end return 0`;
  return (await redis.eval(script, 1, `lock:${name}`, token, ttlMs)) === 1;
}
