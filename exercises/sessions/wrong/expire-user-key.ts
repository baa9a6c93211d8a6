// fails: the session expires after ttlSeconds
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Sets the TTL on session:<userId>, a key that does not exist, instead of session:<token>.
export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomUUID();
  await redis.hset(`session:${token}`, { userId, createdAt: Date.now() });
  await redis.expire(`session:${userId}`, ttlSeconds);
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const userId = await redis.hget(`session:${token}`, 'userId');
  if (userId === null) return null;
  await redis.expire(`session:${token}`, ttlSeconds);
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(`session:${token}`);
}
