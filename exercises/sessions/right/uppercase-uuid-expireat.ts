// Right: an upper-cased UUID without dashes; HSET and EXPIREAT (rounded up) in one MULTI; touch
// reads the whole hash and slides with EXPIRE only when it found the session.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomUUID().replaceAll('-', '').toUpperCase();
  const key = `session:${token}`;
  const now = Date.now();
  const deadline = Math.ceil(now / 1000) + ttlSeconds;
  const replies = await redis
    .multi()
    .hset(key, 'userId', userId, 'createdAt', String(now))
    .expireat(key, deadline)
    .exec();
  const failed = replies?.find(([error]) => error);
  if (!replies || failed) throw failed?.[0] ?? new Error('transaction aborted');
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = `session:${token}`;
  const session = await redis.hgetall(key);
  const userId = session.userId;
  if (userId === undefined) return null;
  await redis.expire(key, ttlSeconds);
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(`session:${token}`);
}
