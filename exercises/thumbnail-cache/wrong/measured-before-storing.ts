// fails: cacheThumbnail returns what MEMORY USAGE says the key takes
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  const usage = (await redis.memory('USAGE', key)) ?? 0;
  await redis.set(key, await readFile(file), 'EX', 3600);
  return usage;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
