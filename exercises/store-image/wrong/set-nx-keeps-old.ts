// fails: storing again under the same id replaces the image and its metadata
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// NX, "so that an image is never overwritten by mistake": storing a new file under an id that
// has one keeps the old bytes, while the metadata describes the new file.
export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data, 'NX');
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
