// fails: every session gets its own unguessable token, drawn from node:crypto
import type Redis from 'ioredis';

// A token built from the user id and the clock: anyone can guess it.
export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = `${userId}-${Date.now()}`;
  const key = `session:${token}`;
  await redis.multi().hset(key, { userId, createdAt: Date.now() }).expire(key, ttlSeconds).exec();
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
