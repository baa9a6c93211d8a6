// fails: the image and its metadata are kept: neither key expires
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Treats Redis as a cache and gives the image an hour: after that, loadImage finds nothing.
export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data, 'EX', 3600);
  await redis.del(`image:${id}:meta`);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
  await redis.expire(`image:${id}:meta`, 3600);
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
