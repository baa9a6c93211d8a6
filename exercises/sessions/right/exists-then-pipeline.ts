// Right: randomBytes(32) in hex; HSET then EXPIRE, each awaited; the touch checks EXISTS, then
// sends HGET and EXPIRE in one pipeline (EXPIRE on a key deleted in between creates nothing).
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomBytes(32).toString('hex');
  const key = `session:${token}`;
  await redis.hset(key, 'userId', userId, 'createdAt', Date.now());
  await redis.expire(key, ttlSeconds);
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = `session:${token}`;
  if ((await redis.exists(key)) === 0) return null;
  const replies = await redis.pipeline().hget(key, 'userId').expire(key, ttlSeconds).exec();
  const [[error, userId] = [null, null]] = replies ?? [];
  if (error) throw error;
  return typeof userId === 'string' ? userId : null;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(`session:${token}`);
}
