// fails: reading a thumbnail renews its hour, and only its own
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  await redis.set(`thumb:${id}`, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', `thumb:${id}`)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  for (const key of await redis.keys('thumb:*')) await redis.expire(key, 3600);
  return redis.getBuffer(`thumb:${id}`);
}
