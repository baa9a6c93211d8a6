// fails: a missing or expired thumbnail reads as null, and nothing is created
// thumbnail, on a miss, caches again the file it remembers for the id: an expired thumbnail
// comes back instead of reading as null.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const fileOf = new Map<string, string>();

async function store(redis: Redis, key: string, file: string) {
  await redis.set(key, await readFile(file), 'EX', 3600);
}

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  fileOf.set(id, file);
  await store(redis, key, file);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const bytes = await redis.getexBuffer(key, 'EX', 3600);
  if (bytes !== null) return bytes;
  const file = fileOf.get(id);
  if (file === undefined) return null;
  await store(redis, key, file);
  return redis.getBuffer(key);
}
