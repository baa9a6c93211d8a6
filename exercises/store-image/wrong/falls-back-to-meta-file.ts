// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
// When image:<id> is missing or empty but its metadata names a file, answers that file read
// from disk instead of null (or the empty value Redis holds).
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
  const key = `image:${id}`;
  const bytes = await redis.getBuffer(key);
  if (bytes !== null && bytes.length > 0) return bytes;
  const name = await redis.hget(`${key}:meta`, 'name');
  if (name !== null) return readFile(name);
  return bytes;
}
