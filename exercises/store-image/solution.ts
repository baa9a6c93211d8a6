import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  // Redis strings are binary-safe: the Buffer goes in as it is, no base64 needed.
  // DEL before HSET, in one transaction: HSET alone would keep any other field an older
  // image's metadata had.
  await redis
    .multi()
    .set(`image:${id}`, data)
    .del(`image:${id}:meta`)
    .hset(`image:${id}:meta`, {
      contentType: 'image/png',
      bytes: data.length,
      name: file,
    })
    .exec();
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  // getBuffer, not get: get would decode the bytes as UTF-8 text and corrupt them.
  return redis.getBuffer(`image:${id}`);
}
