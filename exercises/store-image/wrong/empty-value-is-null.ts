// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
// GETRANGE answers an empty string for a missing key, so this takes an empty image for a missing
// one, and answers null for a key that exists.
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
  const bytes = await redis.getrangeBuffer(`image:${id}`, 0, -1);
  return bytes.length === 0 ? null : bytes;
}
