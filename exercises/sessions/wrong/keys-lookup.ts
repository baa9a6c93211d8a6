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

// Looks the session up with KEYS: a forged token such as "3f2b*" is a pattern there, and finds
// someone else's session.
export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const [key] = await redis.keys(`session:${token}`);
  if (key === undefined) return null;
  await redis.expire(key, ttlSeconds);
  return redis.hget(key, 'userId');
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(`session:${token}`);
}
