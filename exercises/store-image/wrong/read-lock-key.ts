// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
// Takes a "read lock" around its GET, SET image:<id>:reading NX PX then DEL: a read that writes.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis
    .multi()
    .set(`image:${id}`, data)
    .del(`image:${id}:meta`)
    .hset(`image:${id}:meta`, { contentType: 'image/png', bytes: data.length, name: file })
    .exec();
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const lock = `image:${id}:reading`;
  await redis.set(lock, '1', 'PX', 5000, 'NX');
  try {
    return await redis.getBuffer(`image:${id}`);
  } finally {
    await redis.del(lock);
  }
}
