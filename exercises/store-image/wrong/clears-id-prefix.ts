// fails: storeImage writes image:<id> and image:<id>:meta, and no other key
// storeImage deletes KEYS image:<id>* before writing, which also deletes the images of ids
// that start with this one (storing '7' deletes image:72).
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  const old = await redis.keys(`image:${id}*`);
  if (old.length > 0) await redis.del(...old);
  await redis.set(`image:${id}`, data);
  await redis.del(`image:${id}:meta`);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
