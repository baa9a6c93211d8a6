// fails: image:<id> holds the exact bytes of the file
// Trims the id before it builds the key: ' 7', '7 ' and '7' all name image:7, so storing one
// replaces another's image.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const keyOf = (id: string) => `image:${id.trim()}`;

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis
    .multi()
    .set(keyOf(id), data)
    .del(`${keyOf(id)}:meta`)
    .hset(`${keyOf(id)}:meta`, { contentType: 'image/png', bytes: data.length, name: file })
    .exec();
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(keyOf(id));
}
