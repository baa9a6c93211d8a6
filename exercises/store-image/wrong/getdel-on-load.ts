// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Breaks: the image is kept ("both kept without a time to live", loadImage "reads the
// key"). GETDEL reads and deletes: the first loadImage empties image:<id>, so a second
// loadImage of the same image returns null.
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
  return redis.getdelBuffer(`image:${id}`);
}
