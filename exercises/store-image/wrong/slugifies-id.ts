// fails: image:<id> holds the exact bytes of the file
// Replaces every character of the id other than a-z, 0-9 and '-' with '-' (and lower-cases it):
// 'cat 1', 'cat:1' and 'cat_1' all name image:cat-1.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const keyOf = (id: string) => `image:${id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(keyOf(id), data);
  await redis.del(`${keyOf(id)}:meta`);
  await redis.hset(`${keyOf(id)}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(keyOf(id));
}
