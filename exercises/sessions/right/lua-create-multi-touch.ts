// Right: one Lua script writes the hash and its PEXPIRE; randomBytes(16) in hex; the touch sends
// EXPIRE then HGET in one MULTI (EXPIRE on a missing key creates nothing); logout with UNLINK.
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

const CREATE = `
redis.call('HSET', KEYS[1], 'userId', ARGV[1], 'createdAt', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomBytes(16).toString('hex');
  await redis.eval(CREATE, 1, `session:${token}`, userId, Date.now(), ttlSeconds * 1000);
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = `session:${token}`;
  const replies = await redis.multi().expire(key, ttlSeconds).hget(key, 'userId').exec();
  if (!replies) throw new Error('transaction aborted');
  const [[e1], [e2, userId]] = replies as [[Error | null, number], [Error | null, string | null]];
  if (e1 || e2) throw e1 ?? e2;
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.unlink(`session:${token}`);
}
