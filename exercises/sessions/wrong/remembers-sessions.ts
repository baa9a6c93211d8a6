// fails: touchSession asks Redis every time: a session that has ended is gone
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

// Keeps the user ids it has looked up, to spare Redis a read: a session that expired or was
// ended on another server still answers.
const known = new Map<string, string>();

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = `session:${token}`;
  const userId = known.get(token) ?? (await redis.hget(key, 'userId'));
  if (userId === null) return null;
  known.set(token, userId);
  await redis.expire(key, ttlSeconds);
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(`session:${token}`);
}
