// fails: release never deletes a lock that another holder took in the meantime
// release WATCHes, GETs, then DELs in MULTI/EXEC, but returns true even when EXEC
// answers null because the lock changed hands and nothing was deleted.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  return (await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX')) === 'OK' ? token : null;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  const key = `lock:${name}`;
  await redis.watch(key);
  if ((await redis.get(key)) !== token) {
    await redis.unwatch();
    return false;
  }
  await redis.multi().del(key).exec();
  return true;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  return (await redis.eval(EXTEND, 1, `lock:${name}`, token, ttlMs)) === 1;
}
