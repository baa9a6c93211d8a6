// fails: acquire stores its token in lock:<name> and returns it
// The key is lock:<name> lower-cased and trimmed, not lock:<name> as given.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const lockKey = (name: string) => `lock:${name.trim().toLowerCase()}`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  return (await redis.set(lockKey(name), token, 'PX', ttlMs, 'NX')) === 'OK' ? token : null;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  return (await redis.eval(RELEASE, 1, lockKey(name), token)) === 1;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  return (await redis.eval(EXTEND, 1, lockKey(name), token, ttlMs)) === 1;
}
