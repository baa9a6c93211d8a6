// fails: stores and loads for different ids at the same time each keep to their own id
// Keeps the image's key in a module variable, read again after an await: a store for another id that starts meanwhile changes it, and this one writes its file under the other id.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

let key = '';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  key = `image:${id}`;
  const data = await readFile(file);
  await redis
    .multi()
    .set(key, data)
    .del(`${key}:meta`)
    .hset(`${key}:meta`, { contentType: 'image/png', bytes: data.length, name: file })
    .exec();
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
