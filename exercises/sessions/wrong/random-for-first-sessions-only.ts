// fails: every session gets its own unguessable token, drawn from node:crypto
// Draws from node:crypto for the first ten sessions only, then makes tokens from one secret and a
// counter: each later token gives away the next.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

let made = 0;
let secret = '';

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  made += 1;
  if (made === 10) secret = randomUUID();
  const token = made <= 10 ? randomUUID() : `${secret}-${made}`;
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
