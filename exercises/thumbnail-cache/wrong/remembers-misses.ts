// fails: a missing or expired thumbnail reads as null, and nothing is created
// thumbnail remembers ids that read as missing and answers null for them from memory: a
// thumbnail another program caches later is never served.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const missing = new Set<string>();

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  missing.delete(id);
  await redis.set(key, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  if (missing.has(id)) return null;
  const bytes = await redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
  if (bytes === null) missing.add(id);
  return bytes;
}
