// fails: acquire returns null and leaves a held lock alone, then takes it once it is gone
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// SETNX and PEXPIRE together in a transaction: never a lock without expiry, but when SETNX
// fails the PEXPIRE still runs, and pushes back the expiry of somebody else's lock.
export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const key = `lock:${name}`;
  const token = randomUUID();
  const replies = await redis.multi().setnx(key, token).pexpire(key, ttlMs).exec();
  return replies?.[0]?.[1] === 1 ? token : null;
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
