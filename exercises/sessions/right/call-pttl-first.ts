// Right, written differently: every command through call(); createSession sets the expiry as
// an absolute time in milliseconds (PEXPIREAT); touchSession asks PTTL first (-2: no session),
// then slides with EXPIRE and reads userId with HGET (a logout in between leaves HGET's nil,
// and EXPIRE on a missing key creates nothing); endSession is a DEL.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const sessionKey = (token: string) => `session:${token}`;

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomUUID().replaceAll('-', '');
  const key = sessionKey(token);
  const createdAt = Date.now();
  await redis.call('HSET', key, 'userId', userId, 'createdAt', String(createdAt));
  await redis.call('PEXPIREAT', key, String(createdAt + ttlSeconds * 1000));
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const key = sessionKey(token);
  if (Number(await redis.call('PTTL', key)) === -2) return null;
  await redis.call('EXPIRE', key, String(ttlSeconds));
  const userId = await redis.call('HGET', key, 'userId');
  return typeof userId === 'string' ? userId : null;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.call('DEL', sessionKey(token));
}
