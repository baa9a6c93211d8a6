// fails: cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else
// cacheThumbnail first deletes what KEYS thumb:<id> finds: for an id holding '*', '?' or '[',
// the pattern matches other thumbnails, and they are deleted.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  const data = await readFile(file);
  const old = await redis.keys(key);
  if (old.length > 0) await redis.del(...old);
  await redis.set(key, data, 'EX', 3600);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
