// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
// loadImage reads only as many bytes as the metadata's `bytes` field says (GETRANGE 0 bytes-1):
// an image replaced by a larger one comes back cut short.
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
  const key = `image:${id}`;
  if ((await redis.exists(key)) === 0) return null;
  const size = await redis.hget(`${key}:meta`, 'bytes');
  // "The metadata says how big it is: read exactly that much."
  const end = size === null ? -1 : Number(size) - 1;
  if (end < 0 && size !== null) return Buffer.alloc(0);
  return redis.getrangeBuffer(key, 0, end);
}
