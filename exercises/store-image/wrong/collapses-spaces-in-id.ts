// fails: image:<id> holds the exact bytes of the file
// Collapses each run of white space in the id to one space: 'cat  2' and 'cat 2' name one key.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const keyOf = (id: string) => `image:${id.replace(/\s+/g, ' ')}`;

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  const key = keyOf(id);
  await redis
    .multi()
    .set(key, data)
    .del(`${key}:meta`)
    .hset(`${key}:meta`, { contentType: 'image/png', bytes: data.length, name: file })
    .exec();
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(keyOf(id));
}
