// fails: the lock never exists without its expiry, not even between two commands
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Two commands: a worker that dies between SETNX and PEXPIRE leaves a lock that never expires.
export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const key = `lock:${name}`;
  const token = randomUUID();
  if ((await redis.setnx(key, token)) === 0) return null;
  await redis.pexpire(key, ttlMs);
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
