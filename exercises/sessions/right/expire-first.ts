import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomBytes(16).toString('hex');
  const key = `session:${token}`;
  // An absolute deadline: now plus the TTL, in whole seconds.
  const deadline = Math.floor(Date.now() / 1000) + ttlSeconds;
  await redis.multi().hmset(key, { userId, createdAt: Date.now() }).expireat(key, deadline).exec();
  return token;
}

// EXPIRE answers 0 when there is no such key: then there is no session to read either.
export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = `session:${token}`;
  if ((await redis.expire(key, ttlSeconds)) === 0) return null;
  return redis.hget(key, 'userId');
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(`session:${token}`);
}
