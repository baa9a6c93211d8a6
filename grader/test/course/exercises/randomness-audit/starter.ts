import type Redis from 'ioredis';

export async function createSession(redis: Redis, userId: number): Promise<string> {
  // TODO: make the token with randomUUID() from 'node:crypto'.
  const token = `${Date.now()}-${Math.random()}`;
  await redis.set(`session:${token}`, String(userId));
  return token;
}
