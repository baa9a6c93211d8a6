// fails: the image and its metadata are kept: neither key expires
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Breaks: both keys "kept without a time to live" and "Storing a file under an id that
// already has an image replaces that image". SET ... KEEPTTL ("don't disturb the key's
// settings") keeps any expiry the old image:<id> had, so a replaced image can still vanish.
export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data, 'KEEPTTL');
  await redis.del(`image:${id}:meta`);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
