// fails: createSession stores userId in the hash session:<token>
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// The EXPIRE is sent but not awaited: the token goes back before Redis has answered it.
export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomUUID();
  const key = `session:${token}`;
  await redis.hset(key, { userId, createdAt: Date.now() });
  redis.expire(key, ttlSeconds);
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

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(`session:${token}`);
}
