import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// WATCH, then a transaction opened with multi({ pipeline: false }): MULTI, the write and EXEC
// each go to Redis as they are called, and the write waits in the transaction until EXEC.

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  return (await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX')) === 'OK' ? token : null;
}

async function whileHeld(
  redis: Redis,
  key: string,
  token: string,
  write: () => Promise<unknown>,
): Promise<boolean> {
  await redis.watch(key);
  if ((await redis.get(key)) !== token) {
    await redis.unwatch();
    return false;
  }
  await redis.multi({ pipeline: false });
  await write();
  const replies = await redis.exec();
  return replies?.[0]?.[1] === 1;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  const key = `lock:${name}`;
  return whileHeld(redis, key, token, () => redis.del(key));
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  const key = `lock:${name}`;
  return whileHeld(redis, key, token, () => redis.pexpire(key, ttlMs));
}
