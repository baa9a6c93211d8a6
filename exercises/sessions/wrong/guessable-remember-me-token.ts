// fails: every session gets its own unguessable token, drawn from node:crypto
// Sessions of more than a day get a SHA-256 of the user id and the clock as their token:
// anyone who knows when the user logged in can recompute it.
import { createHash, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const sessionKey = (token: string) => `session:${token}`;
const DAY = 86_400;

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token =
    ttlSeconds > DAY
      ? createHash('sha256').update(`${userId}:${Date.now()}`).digest('hex')
      : randomUUID();
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
  const userId = await redis.hget(key, 'userId');
  if (userId === null) return null;
  await redis.expire(key, ttlSeconds);
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(sessionKey(token));
}
