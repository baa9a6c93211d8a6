// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
// Returns null when the metadata names another content type than image/png: the bytes are the answer, whatever the metadata says.
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
  const [bytes, type] = await Promise.all([
    redis.getBuffer(`image:${id}`),
    redis.hget(`image:${id}:meta`, 'contentType'),
  ]);
  // Only serve what we know is a PNG.
  if (type !== null && type !== 'image/png') return null;
  return bytes;
}
