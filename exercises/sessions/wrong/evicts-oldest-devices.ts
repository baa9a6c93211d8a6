// fails: createSession stores the two fields and nothing else
// Keeps at most three sessions a user: SCANs for the user's sessions and deletes the oldest,
// logging the user out of other devices.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const sessionKey = (token: string) => `session:${token}`;
const MAX_DEVICES = 3;

async function usersSessions(redis: Redis, userId: string) {
  const found: { key: string; createdAt: number }[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'session:*', 'COUNT', 100);
    cursor = next;
    for (const key of keys) {
      const [owner, createdAt] = await redis.hmget(key, 'userId', 'createdAt');
      if (owner === userId) found.push({ key, createdAt: Number(createdAt) });
    }
  } while (cursor !== '0');
  return found.sort((a, b) => a.createdAt - b.createdAt);
}

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const existing = await usersSessions(redis, userId);
  const evict = existing.slice(0, Math.max(0, existing.length - (MAX_DEVICES - 1)));
  if (evict.length > 0) await redis.del(...evict.map((session) => session.key));
  const token = randomUUID();
  const key = sessionKey(token);
  await redis.multi().hset(key, { userId, createdAt: Date.now() }).expire(key, ttlSeconds).exec();
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = sessionKey(token);
  const userId = await redis.hget(key, 'userId');
  if (userId === null) return null;
  await redis.expire(key, ttlSeconds);
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(sessionKey(token));
}
