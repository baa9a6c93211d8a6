// fails: every acquire draws a new token from node:crypto
import type Redis from 'ioredis';

// The time and Math.random() look unique, but anyone can guess the clock, and Math.random()
// is no source of secrets: another worker could forge this token and release the lock.
export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const ok = await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX');
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
