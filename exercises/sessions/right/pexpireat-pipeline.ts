// Right: randomBytes(32) in base64url; HSET and PEXPIREAT in one pipeline; the touch slides with
// PEXPIRE in milliseconds; DEL through call().
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const key = `session:${token}`;
  const now = Date.now();
  await redis
    .pipeline()
    .hset(key, { createdAt: now, userId })
    .pexpireat(key, now + ttlSeconds * 1000)
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
  await redis.pexpire(key, ttlSeconds * 1000);
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.call('DEL', `session:${token}`);
}
