// fails: the image and its metadata are kept: neither key expires
// Writes the three fields over the old metadata and HDELs the others, instead of DEL + HSET:
// a TTL the old hash had stays on it.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const FIELDS = ['contentType', 'bytes', 'name'];

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  const meta = `image:${id}:meta`;
  await redis.set(`image:${id}`, data);
  await redis.hset(meta, { contentType: 'image/png', bytes: data.length, name: file });
  const stale = (await redis.hkeys(meta)).filter((field) => !FIELDS.includes(field));
  if (stale.length > 0) await redis.hdel(meta, ...stale);
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
