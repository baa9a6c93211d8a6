// fails: cacheThumbnail returns what MEMORY USAGE says the key takes
// Asks MEMORY USAGE only the first time an id is cached: cached again with another file, it
// returns the old number.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const usageOf = new Map<string, number>();

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.set(key, await readFile(file), 'EX', 3600);
  let usage = usageOf.get(id);
  if (usage === undefined) {
    usage = (await redis.memory('USAGE', key)) ?? 0;
    usageOf.set(id, usage);
  }
  return usage;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
