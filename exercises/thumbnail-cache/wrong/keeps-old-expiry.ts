// fails: the thumbnail expires an hour after it is cached
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Sets the hour only on a new thumbnail: one cached again keeps whatever expiry it had.
export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.set(key, await readFile(file), 'KEEPTTL');
  await redis.expire(key, 3600, 'NX');
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
