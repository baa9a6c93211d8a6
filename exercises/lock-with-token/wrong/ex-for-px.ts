// fails: the lock expires ttlMs milliseconds after acquire
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// EX counts seconds: a lock of 30000 ms lives for 30000 seconds, more than eight hours.
export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  const ok = await redis.set(`lock:${name}`, token, 'EX', ttlMs, 'NX');
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
