// fails: touchSession asks Redis every time: a session that has ended is gone
// createSession keeps token -> userId in the module, and touchSession answers from it: a session
// deleted elsewhere still answers.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const sessions = new Map<string, string>();

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomUUID();
  const key = `session:${token}`;
  await redis.multi().hset(key, { userId, createdAt: Date.now() }).expire(key, ttlSeconds).exec();
  sessions.set(token, userId);
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = `session:${token}`;
  const known = sessions.get(token);
  if (known !== undefined) {
    await redis.expire(key, ttlSeconds);
    return known;
  }
  const userId = await redis.hget(key, 'userId');
  if (userId === null) return null;
  await redis.expire(key, ttlSeconds);
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  sessions.delete(token);
  await redis.del(`session:${token}`);
}
