// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
// loadImage answers null when image:<id>:meta is missing, though image:<id> holds bytes:
// the bytes are the image, with or without metadata.
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
  if ((await redis.exists(`image:${id}:meta`)) === 0) return null;
  return redis.getBuffer(`image:${id}`);
}
