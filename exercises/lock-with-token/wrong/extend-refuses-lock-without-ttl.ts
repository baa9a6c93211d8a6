// fails: extend sets the holder's lock to expire ttlMs from now
// extend refuses a lock that holds its token but has no expiry ("stuck"), though the holder may
// renew it like any other.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

const EXTEND = `
if redis.call('PTTL', KEYS[1]) > 0 and redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  const reply = await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX');
  return reply === 'OK' ? token : null;
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
