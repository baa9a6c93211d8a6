// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
// Returns null for bytes that do not start with the PNG signature: loadImage returns whatever bytes Redis holds under the key.
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

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const bytes = await redis.getBuffer(`image:${id}`);
  if (bytes !== null && bytes.length >= PNG.length && !bytes.subarray(0, 8).equals(PNG)) {
    return null; // not an image
  }
  return bytes;
}
