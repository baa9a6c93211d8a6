// fails: cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Breaks rules 1 and 2: caching again must replace the bytes and restart the hour
// "counted from this call". It remembers the ids it has cached and, for one seen before,
// writes nothing and returns the usage it measured then, even for another file.
const cached = new Map<string, number>();

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const known = cached.get(id);
  if (known !== undefined) return known;
  const key = `thumb:${id}`;
  await redis.set(key, await readFile(file), 'EX', 3600);
  const usage = (await redis.memory('USAGE', key)) ?? 0;
  cached.set(id, usage);
  return usage;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
