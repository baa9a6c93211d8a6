// fails: reading a thumbnail renews its hour, and only its own
// thumbnail renews only when the bytes are not empty, but an empty thumbnail exists too.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR = 3600;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.set(key, await readFile(file), 'EX', HOUR);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const bytes = await redis.getBuffer(key);
  if (bytes?.length) await redis.expire(key, HOUR);
  return bytes;
}
