// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
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

// Always returns a Buffer, so callers need no null check: a missing image becomes zero bytes.
export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return (await redis.getBuffer(`image:${id}`)) ?? Buffer.alloc(0);
}
