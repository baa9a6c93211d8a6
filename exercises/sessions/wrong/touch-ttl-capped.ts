// fails: touchSession returns the userId and sets the TTL back to ttlSeconds
// Caps the TTL a touch sets at one day, so a "remember me" session of weeks is cut to a day.
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

const MAX_IDLE = 86_400;

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = `session:${token}`;
  const userId = await redis.hget(key, 'userId');
  if (userId === null) return null;
  await redis.expire(key, Math.min(ttlSeconds, MAX_IDLE));
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(`session:${token}`);
}
