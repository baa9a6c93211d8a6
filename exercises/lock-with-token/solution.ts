import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const lockKey = (name: string) => `lock:${name}`;

// Compare and delete in one step: Redis runs a script from start to end with no other client's
// command in between, so the lock cannot change hands between the GET and the DEL.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

// The same guard for a renewal: only the holder may push the expiry back.
const EXTEND = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  // A new random token for every holder: only the one who took the lock knows it.
  const token = randomUUID();
  // NX: only when nobody holds it. PX: the expiry comes with the same command, so a holder
  // that crashes right after cannot leave a lock that never ends.
  const reply = await redis.set(lockKey(name), token, 'PX', ttlMs, 'NX');
  return reply === 'OK' ? token : null;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  const deleted = await redis.eval(RELEASE, 1, lockKey(name), token);
  return deleted === 1;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  const extended = await redis.eval(EXTEND, 1, lockKey(name), token, ttlMs);
  return extended === 1;
}
