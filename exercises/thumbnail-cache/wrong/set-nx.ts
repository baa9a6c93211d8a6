// fails: cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// NX keeps an older thumbnail instead of replacing it.
export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  await redis.set(`thumb:${id}`, await readFile(file), 'EX', 3600, 'NX');
  return (await redis.memory('USAGE', `thumb:${id}`)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
