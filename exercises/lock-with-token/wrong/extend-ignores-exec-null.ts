// fails: extend never changes a lock that another holder took in the meantime
// extend WATCHes, GETs, then PEXPIREs in MULTI/EXEC, but returns true even when EXEC
// answers null because the lock changed hands: the worker thinks it still holds it.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  return (await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX')) === 'OK' ? token : null;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  return (await redis.eval(RELEASE, 1, `lock:${name}`, token)) === 1;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  const key = `lock:${name}`;
  await redis.watch(key);
  if ((await redis.get(key)) !== token) {
    await redis.unwatch();
    return false;
  }
  await redis.multi().pexpire(key, ttlMs).exec();
  return true;
}
