// fails: every session gets its own unguessable token, drawn from node:crypto
// One randomUUID() per user plus a counter: whoever holds one of a user's tokens can work out the
// next.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const secrets = new Map<string, { secret: string; count: number }>();

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  let entry = secrets.get(userId);
  if (!entry) {
    entry = { secret: randomUUID(), count: 0 };
    secrets.set(userId, entry);
  }
  entry.count += 1;
  const token = `${entry.secret}.${entry.count}`;
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
  await redis.del(`session:${token}`);
}
