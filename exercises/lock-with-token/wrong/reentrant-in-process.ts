// fails: acquire returns null and leaves a held lock alone, then takes it once it is gone
// acquire hands the same token back while this process holds the lock, instead
// of null: two jobs of one program run side by side.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const mine = new Map<string, string>();
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const key = `lock:${name}`;
  const held = mine.get(name);
  if (held !== undefined && (await redis.get(key)) === held) return held; // already ours
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return null;
  mine.set(name, token);
  return token;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  if (mine.get(name) === token) mine.delete(name);
  return (await redis.eval(RELEASE, 1, `lock:${name}`, token)) === 1;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  return (await redis.eval(EXTEND, 1, `lock:${name}`, token, ttlMs)) === 1;
}
