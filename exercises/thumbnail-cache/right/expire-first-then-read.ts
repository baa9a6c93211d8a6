// Stores with SETEX, then MEMORY USAGE; reads by renewing first: EXPIRE answers 0 when there is
// no key (and creates none), so only a key that exists is then read with getBuffer.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.setex(key, 3600, await readFile(file));
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  if ((await redis.expire(key, 3600)) === 0) return null;
  return redis.getBuffer(key);
}
