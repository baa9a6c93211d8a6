// Writes through the generic call(): SET, then DEL and HSET of the metadata, in one MULTI;
// reads with GETBUFFER inside a MULTI and passes on any error it answers.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  const key = `image:${id}`;
  const results = await redis
    .multi()
    .call('SET', key, data)
    .del(`${key}:meta`)
    .call('HSET', `${key}:meta`, 'contentType', 'image/png', 'bytes', data.length, 'name', file)
    .exec();
  for (const [error] of results ?? []) if (error) throw error;
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const results = await redis.multi().getBuffer(`image:${id}`).exec();
  const [error, bytes] = results?.[0] ?? [];
  if (error) throw error;
  return Buffer.isBuffer(bytes) ? bytes : null;
}
