// fails: acquire, release and extend change only lock:<name>, found by its name
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  const ok = await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX');
  return ok === 'OK' ? token : null;
}

// Finds the lock by its token, in one script: safe, but KEYS walks every key of the database,
// on every release, and blocks Redis while it does.
export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  void name;
  const script = `
for _, key in ipairs(redis.call("KEYS", "lock:*")) do
  if redis.call("GET", key) == ARGV[1] then return redis.call("DEL", key) end
end
return 0`;
  return (await redis.eval(script, 0, token)) === 1;
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
