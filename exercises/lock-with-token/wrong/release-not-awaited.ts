// fails: release with a token that is not the holder's returns false and changes nothing
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  const ok = await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX');
  return ok === 'OK' ? token : null;
}

// WATCH, GET, and DEL in MULTI/EXEC, as the lesson on transactions does it: but the UNWATCH is
// sent without await, so release returns false before Redis has answered it.
export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  const key = `lock:${name}`;
  await redis.watch(key);
  if ((await redis.get(key)) !== token) {
    redis.unwatch();
    return false;
  }
  const replies = await redis.multi().del(key).exec();
  return replies?.[0]?.[1] === 1;
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
