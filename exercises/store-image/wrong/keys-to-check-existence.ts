// fails: loadImage returns the exact bytes held under image:<id> as a Buffer
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data);
  await redis.del(`image:${id}:meta`);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
}

// Uses KEYS to see whether the image exists: it walks the whole keyspace to find one key.
export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const found = await redis.keys(`image:${id}`);
  if (found.length === 0) return null;
  return redis.getBuffer(`image:${id}`);
}
