// fails: release with a token that is not the holder's returns false and changes nothing
// release answers true when the lock has no expiry and holds another token, deleting nothing ("a
// stuck lock counts as released"): the caller then believes it let go of a lock it never held.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `
local held = redis.call('GET', KEYS[1])
if held == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
if held and redis.call('PTTL', KEYS[1]) == -1 then return 1 end
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
