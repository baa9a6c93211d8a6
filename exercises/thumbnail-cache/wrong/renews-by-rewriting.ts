// fails: a read renews the thumbnail without writing it back: bytes cached meanwhile stay
// thumbnail renews with GET then SET of the bytes it read: a thumbnail cached between the two
// is overwritten with the old bytes.
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
  if (bytes !== null) await redis.set(key, bytes, 'EX', HOUR);
  return bytes;
}
