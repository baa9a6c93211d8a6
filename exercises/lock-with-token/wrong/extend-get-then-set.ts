// fails: extend sets the holder's lock to expire ttlMs from now
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  const ok = await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX');
  return ok === 'OK' ? token : null;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  const script = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;
  return (await redis.eval(script, 1, `lock:${name}`, token)) === 1;
}

// Writes the token again with XX and a new expiry, after checking it: when the lock changed
// hands in between, this takes it back from the new holder.
export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  const key = `lock:${name}`;
  if ((await redis.get(key)) !== token) return false;
  return (await redis.set(key, token, 'PX', ttlMs, 'XX')) === 'OK';
}
