// fails: every acquire draws a new token from node:crypto
// One UUID per lock name with a counter after it: the holder of <uuid>-1 knows
// the next holder's token, <uuid>-2.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const perName = new Map<string, { id: string; count: number }>();

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

function nextToken(name: string): string {
  const seen = perName.get(name) ?? { id: randomUUID(), count: 0 };
  seen.count += 1;
  perName.set(name, seen);
  return `${seen.id}-${seen.count}`;
}

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = nextToken(name);
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
  return (await redis.eval(EXTEND, 1, `lock:${name}`, token, ttlMs)) === 1;
}
