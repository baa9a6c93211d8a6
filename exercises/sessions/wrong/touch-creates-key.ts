// fails: touchSession returns the userId and sets the TTL back to ttlSeconds
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

// Records the activity before checking that the session exists: an unknown token gets a new
// hash (with a TTL, even), a "session" nobody logged in to.
export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = `session:${token}`;
  await redis.hset(key, 'lastSeen', Date.now());
  await redis.expire(key, ttlSeconds);
  return redis.hget(key, 'userId');
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(`session:${token}`);
}
