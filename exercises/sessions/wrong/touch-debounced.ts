// fails: touchSession returns the userId and sets the TTL back to ttlSeconds
// Remembers in the module when it last slid each token and skips the EXPIRE for a minute after:
// a touch right after another leaves the TTL where it was.
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

const slid = new Map<string, number>();

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = `session:${token}`;
  const userId = await redis.hget(key, 'userId');
  if (userId === null) return null;
  const last = slid.get(token);
  if (last === undefined || Date.now() - last > 60_000) {
    await redis.expire(key, ttlSeconds);
    slid.set(token, Date.now());
  }
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(`session:${token}`);
}
