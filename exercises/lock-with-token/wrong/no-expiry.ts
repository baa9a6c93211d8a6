// fails: the lock expires ttlMs milliseconds after acquire
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// NX without an expiry: a worker that crashes before release holds the lock forever.
export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  void ttlMs;
  const token = randomUUID();
  const ok = await redis.set(`lock:${name}`, token, 'NX');
  return ok === 'OK' ? token : null;
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
