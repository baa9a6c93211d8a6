// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
// loadImage reads with GETEX PERSIST, which removes an expiry someone else gave the image: a
// read that writes.
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

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`image:${id}`, 'PERSIST');
}
