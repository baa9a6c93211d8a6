// fails: touchSession returns the userId and sets the TTL back to ttlSeconds
// Refuses (null) a session created more than 30 days ago, though its key still exists.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const sessionKey = (token: string) => `session:${token}`;
const MAX_AGE_MS = 30 * 86_400_000;

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomUUID();
  const key = sessionKey(token);
  await redis.multi().hset(key, { userId, createdAt: Date.now() }).expire(key, ttlSeconds).exec();
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = sessionKey(token);
  const [userId, createdAt] = await redis.hmget(key, 'userId', 'createdAt');
  if (userId === null || userId === undefined) return null;
  if (Date.now() - Number(createdAt) > MAX_AGE_MS) return null;
  await redis.expire(key, ttlSeconds);
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(sessionKey(token));
}
