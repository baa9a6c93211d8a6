import { readFileSync } from 'node:fs';
import type Redis from 'ioredis';

// The path spelled with its folder, which names the same file, and both keys in one transaction
// (the old metadata deleted before HSET).
export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = readFileSync(`fixtures/${file}`);
  await redis
    .multi()
    .set(`image:${id}`, data)
    .del(`image:${id}:meta`)
    .hset(
      `image:${id}:meta`,
      'contentType',
      'image/png',
      'bytes',
      String(data.byteLength),
      'name',
      file,
    )
    .exec();
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const bytes: unknown = await redis.callBuffer('GET', `image:${id}`);
  return Buffer.isBuffer(bytes) ? bytes : null;
}
