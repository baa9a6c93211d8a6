// fails: endSession deletes the session and no other
// Deletes what KEYS finds after escaping * and ? only: a forged token holding [ ] or \ logs out
// another session.
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

export async function endSession(redis: Redis, token: string): Promise<void> {
  const pattern = `session:${token.replace(/[*?]/g, (c) => `\\${c}`)}`;
  const found = await redis.keys(pattern);
  if (found.length > 0) await redis.del(...found);
}
