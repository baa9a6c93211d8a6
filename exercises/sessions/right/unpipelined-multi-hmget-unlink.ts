// Right, written differently: the token is 24 random bytes in base64url; createSession writes
// the hash with HMSET and its expiry with EXPIRE … NX (the key is new) in a MULTI sent one
// command at a time (multi({ pipeline: false })); touchSession reads with HMGET and slides with
// PEXPIRE; endSession unlinks the key.
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

const sessionKey = (token: string) => `session:${token}`;

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  const key = sessionKey(token);
  // MULTI goes out at once; the commands after it answer QUEUED, and EXEC runs them together.
  await redis.multi({ pipeline: false });
  await redis.hmset(key, 'userId', userId, 'createdAt', String(Date.now()));
  await redis.expire(key, ttlSeconds, 'NX');
  const replies = await redis.exec();
  const failed = replies?.find(([error]) => error);
  if (failed) throw failed[0];
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = sessionKey(token);
  const [userId] = await redis.hmget(key, 'userId');
  if (userId === null || userId === undefined) return null;
  await redis.pexpire(key, ttlSeconds * 1000);
  return userId;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.unlink(sessionKey(token));
}
