// Right: 16 bytes of getRandomValues in hex; HSET and PEXPIRE through call() in one MULTI; the
// touch is one Lua script (EXPIRE first: 0 means no session); logout with EXPIRE key 0.
import { getRandomValues } from 'node:crypto';
import type Redis from 'ioredis';

const TOUCH = `
if redis.call('EXPIRE', KEYS[1], ARGV[1]) == 0 then return false end
return redis.call('HGET', KEYS[1], 'userId')`;

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = Buffer.from(getRandomValues(new Uint8Array(16))).toString('hex');
  const key = `session:${token}`;
  const replies = await redis
    .multi()
    .call('HSET', key, 'userId', userId, 'createdAt', String(Date.now()))
    .call('PEXPIRE', key, String(ttlSeconds * 1000))
    .exec();
  const failed = replies?.find(([error]) => error);
  if (!replies || failed) throw failed?.[0] ?? new Error('transaction aborted');
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const userId = await redis.eval(TOUCH, 1, `session:${token}`, ttlSeconds);
  return typeof userId === 'string' ? userId : null;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.expire(`session:${token}`, 0);
}
