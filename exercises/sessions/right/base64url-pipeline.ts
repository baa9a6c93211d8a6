import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

const keyOf = (token: string) => `session:${token}`;

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  // 32 random bytes, 43 characters that are safe in a cookie and in a URL.
  const token = randomBytes(32).toString('base64url');
  await redis
    .pipeline()
    .hset(keyOf(token), 'userId', userId, 'createdAt', String(Date.now()))
    .expire(keyOf(token), ttlSeconds)
    .exec();
  return token;
}

// Read and slide together: EXPIRE on a key that is gone creates nothing, so it may always run.
export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const replies = await redis
    .multi()
    .hget(keyOf(token), 'userId')
    .expire(keyOf(token), ttlSeconds)
    .exec();
  const [[error, userId] = [null, null]] = replies ?? [];
  if (error) throw error;
  return (userId as string | null) ?? null;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.unlink(keyOf(token));
}
