// fails: release deletes the lock it holds the token of, and returns true
// A module's first release GETs, then DELs in a MULTI/EXEC without WATCH (while it loads
// the script for later); only later releases compare and delete in one script.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
let releaseSha: string | undefined;

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  return (await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX')) === 'OK' ? token : null;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  const key = `lock:${name}`;
  if (releaseSha === undefined) {
    releaseSha = String(await redis.script('LOAD', RELEASE));
    if ((await redis.get(key)) !== token) return false;
    await redis.multi().del(key).exec(); // "atomic"
    return true;
  }
  try {
    return (await redis.evalsha(releaseSha, 1, key, token)) === 1;
  } catch (error) {
    if (!/NOSCRIPT/.test(String((error as Error).message))) throw error;
    return (await redis.eval(RELEASE, 1, key, token)) === 1;
  }
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  return (await redis.eval(EXTEND, 1, `lock:${name}`, token, ttlMs)) === 1;
}
