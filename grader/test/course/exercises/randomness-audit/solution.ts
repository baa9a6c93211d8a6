import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

export async function createSession(redis: Redis, userId: number): Promise<string> {
  const token = randomUUID();
  await redis.set(`session:${token}`, String(userId));
  return token;
}
