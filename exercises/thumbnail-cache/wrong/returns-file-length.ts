// fails: cacheThumbnail returns what MEMORY USAGE says the key takes
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const data = await readFile(file);
  await redis.set(`thumb:${id}`, data, 'EX', 3600);
  return data.length;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
