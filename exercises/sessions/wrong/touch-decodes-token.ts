// fails: touchSession returns null for an unknown token and creates no key
// touchSession URL-decodes the token: a forged token with a %-escape reads another session.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const sessionKey = (token: string) => `session:${token}`;

function fromCookie(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

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
  const key = sessionKey(fromCookie(token));
  const userId = await redis.hget(key, 'userId');
  if (userId === null) return null;
  await redis.expire(key, ttlSeconds);
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(sessionKey(token));
}
