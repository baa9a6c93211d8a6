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

// Adds ttlMs to what was left, in one script: the lock of a long job grows with every renewal.
export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  const script = `
if redis.call("GET", KEYS[1]) ~= ARGV[1] then return 0 end
local left = redis.call("PTTL", KEYS[1])
return redis.call("PEXPIRE", KEYS[1], left + tonumber(ARGV[2]))`;
  return (await redis.eval(script, 1, `lock:${name}`, token, ttlMs)) === 1;
}
