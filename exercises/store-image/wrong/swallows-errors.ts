// fails: loadImage lets an error from Redis reach its caller: a key of another type is no missing image
// loadImage catches every error and answers null: a WRONGTYPE key looks like a missing image.
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
  try {
    return await redis.getBuffer(`image:${id}`);
  } catch {
    return null;
  }
}
