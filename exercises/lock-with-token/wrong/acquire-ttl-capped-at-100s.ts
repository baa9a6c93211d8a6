// fails: the lock expires ttlMs milliseconds after acquire
// acquire caps the lock at 100 s ("no job should hold a lock longer"), though ttlMs may be up to
// 120,000 and must be kept exactly.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

const EXTEND = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  const reply = await redis.set(`lock:${name}`, token, 'PX', Math.min(ttlMs, 100_000), 'NX');
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
