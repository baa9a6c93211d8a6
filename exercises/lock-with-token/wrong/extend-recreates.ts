// fails: extend refuses a lock it does not hold, and creates none
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

// Atomic, but "ours or nobody's": a lock that expired is written again, as if the worker had
// held it all along, though another may have taken and released it meanwhile.
export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  const script = `
local held = redis.call("GET", KEYS[1])
if held ~= false and held ~= ARGV[1] then return 0 end
redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
return 1`;
  return (await redis.eval(script, 1, `lock:${name}`, token, ttlMs)) === 1;
}
