// fails: createSession stores the two fields and nothing else
// Sessions of more than a day also add their token to a set remember-me:<userId>: a key the
// statement does not allow.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const sessionKey = (token: string) => `session:${token}`;
const DAY = 86_400;

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomUUID();
  const key = sessionKey(token);
  const tx = redis.multi().hset(key, { userId, createdAt: Date.now() }).expire(key, ttlSeconds);
  if (ttlSeconds > DAY) tx.sadd(`remember-me:${userId}`, token);
  await tx.exec();
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
