// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Keeps each image it has seen in memory, to spare Redis the bytes the next time.
const images = new Map<string, Buffer>();

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data);
  await redis.del(`image:${id}:meta`);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
  images.set(id, data);
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const known = images.get(id);
  if (known) return known;
  const data = await redis.getBuffer(`image:${id}`);
  if (data) images.set(id, data);
  return data;
}
