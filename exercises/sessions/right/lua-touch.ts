import type Redis from 'ioredis';

// Finds the session and slides its expiry in one step; a Lua false comes back as null.
const TOUCH = `
local userId = redis.call('HGET', KEYS[1], 'userId')
if userId then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return userId`;

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = crypto.randomUUID().replaceAll('-', '');
  const key = `session:${token}`;
  await redis.hset(key, { userId, createdAt: Date.now() });
  await redis.pexpire(key, ttlSeconds * 1000);
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const userId = await redis.eval(TOUCH, 1, `session:${token}`, ttlSeconds);
  return typeof userId === 'string' ? userId : null;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.call('DEL', `session:${token}`);
}
