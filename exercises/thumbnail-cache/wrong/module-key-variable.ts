// fails: calls for different ids at the same time each store, measure and read their own thumbnail
// Keeps the key in a module variable, read again after an await: a call for another id that starts meanwhile changes it, and this one stores (or measures) the other id's key.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

let key = '';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  key = `thumb:${id}`;
  const data = await readFile(file);
  await redis.set(key, data, 'EX', 3600);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
