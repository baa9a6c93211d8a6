// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Breaks: image:<id>:meta holds "exactly three fields". loadImage counts views in the
// metadata hash, so after a load it has a fourth field, views.
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
  const bytes = await redis.getBuffer(`image:${id}`);
  if (bytes) await redis.hincrby(`image:${id}:meta`, 'views', 1);
  return bytes;
}
