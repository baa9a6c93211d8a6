// fails: release with a token that is not the holder's returns false and changes nothing
// release compares tokens without regard to case ("UUIDs are case-insensitive"), so a token that is
// not the holder's, only spelt in capitals, releases the lock.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `
local held = redis.call('GET', KEYS[1])
if held and string.lower(held) == string.lower(ARGV[1]) then
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
