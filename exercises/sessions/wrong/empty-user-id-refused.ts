// fails: error
// Throws when userId is '', which the statement counts as a userId.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const sessionKey = (token: string) => `session:${token}`;

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  if (!userId) throw new Error('createSession: userId is required');
  const token = randomUUID();
  const key = sessionKey(token);
  await redis.multi().hset(key, { userId, createdAt: Date.now() }).expire(key, ttlSeconds).exec();
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = sessionKey(token);
  const userId = await redis.hget(key, 'userId');
  if (userId === null) return null;
  await redis.expire(key, ttlSeconds);
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(sessionKey(token));
}
