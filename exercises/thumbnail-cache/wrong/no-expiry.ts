// fails: the thumbnail expires an hour after it is cached
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  await redis.set(`thumb:${id}`, await readFile(file));
  return (await redis.memory('USAGE', `thumb:${id}`)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
