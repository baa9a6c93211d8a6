// fails: storing again under the same id replaces the image and its metadata
// storeImage remembers the file it last stored under each id and writes nothing when asked to
// store it again, though Redis may hold other bytes by then.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const stored = new Map<string, string>();

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  if (stored.get(id) === file) return;
  const data = await readFile(file);
  await redis.set(`image:${id}`, data);
  await redis.del(`image:${id}:meta`);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
  stored.set(id, file);
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
