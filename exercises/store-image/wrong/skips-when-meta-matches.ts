// fails: the image and its metadata are kept: neither key expires
// Writes nothing when the metadata names this file and STRLEN is its size: other bytes of that
// size, and a TTL on the old keys, stay.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  const key = `image:${id}`;
  const [[, meta], [, size]] = (await redis
    .pipeline()
    .hgetall(`${key}:meta`)
    .strlen(key)
    .exec()) as [[null, Record<string, string>], [null, number]];
  const same =
    meta.name === file &&
    meta.bytes === String(data.length) &&
    meta.contentType === 'image/png' &&
    Object.keys(meta).length === 3 &&
    size === data.length;
  if (same) return;
  await redis
    .multi()
    .set(key, data)
    .del(`${key}:meta`)
    .hset(`${key}:meta`, { contentType: 'image/png', bytes: data.length, name: file })
    .exec();
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
