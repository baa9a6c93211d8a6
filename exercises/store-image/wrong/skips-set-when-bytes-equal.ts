// fails: the image and its metadata are kept: neither key expires
// Skips the SET when Redis already holds exactly the file's bytes: a TTL on that key stays.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  const key = `image:${id}`;
  const old = await redis.getBuffer(key);
  const tx = redis.multi();
  if (!old?.equals(data)) tx.set(key, data);
  tx.del(`${key}:meta`).hset(`${key}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
  await tx.exec();
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
