// fails: a touch at the same time as a logout never brings the session back
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

// Writes the session back whole to refresh it: when a logout lands between the read and the
// write, the HSET brings the deleted session back to life.
export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = `session:${token}`;
  const session = await redis.hgetall(key);
  if (session.userId === undefined) return null;
  await redis.multi().hset(key, session).expire(key, ttlSeconds).exec();
  return session.userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(`session:${token}`);
}
