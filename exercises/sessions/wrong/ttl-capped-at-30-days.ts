// fails: the session expires after ttlSeconds
// Caps every TTL at 30 days, in createSession and touchSession: a longer session is cut short.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const sessionKey = (token: string) => `session:${token}`;
const MAX_TTL = 30 * 86_400;

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomUUID();
  const key = sessionKey(token);
  const ttl = Math.min(ttlSeconds, MAX_TTL);
  await redis.multi().hset(key, { userId, createdAt: Date.now() }).expire(key, ttl).exec();
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = sessionKey(token);
  const userId = await redis.hget(key, 'userId');
  if (userId === null) return null;
  await redis.expire(key, Math.min(ttlSeconds, MAX_TTL));
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(sessionKey(token));
}
