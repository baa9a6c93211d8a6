// fails: acquire returns null and leaves a held lock alone, then takes it once it is gone
// acquire takes over a lock with less than 500 ms left, while its holder may still extend it.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const ACQUIRE = `
local left = redis.call('PTTL', KEYS[1])
if left == -2 or (left >= 0 and left < 500) then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  return (await redis.eval(ACQUIRE, 1, `lock:${name}`, token, ttlMs)) === 1 ? token : null;
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
