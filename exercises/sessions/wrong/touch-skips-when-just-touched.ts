// fails: touchSession returns the userId and sets the TTL back to ttlSeconds
// Reads PTTL and skips the EXPIRE when less than a minute has gone from ttlSeconds, so the
// expiry of a busy session drifts early.
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

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = `session:${token}`;
  const userId = await redis.hget(key, 'userId');
  if (userId === null) return null;
  const left = await redis.pttl(key);
  const fresh = left <= ttlSeconds * 1000 && left > (ttlSeconds - 60) * 1000;
  if (!fresh) await redis.expire(key, ttlSeconds);
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(`session:${token}`);
}
