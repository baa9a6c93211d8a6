// SET with the GET option (the old value answered and ignored), then DEL and one HSET per
// field in a pipeline; reads with GETEX and no option, which touches no TTL.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  const key = `image:${id}`;
  await redis.call('SET', key, data, 'GET');
  const results = await redis
    .pipeline()
    .del(`${key}:meta`)
    .hset(`${key}:meta`, 'name', file)
    .hset(`${key}:meta`, 'bytes', String(data.length))
    .hset(`${key}:meta`, 'contentType', 'image/png')
    .exec();
  for (const [error] of results ?? []) if (error) throw error;
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const bytes: unknown = await redis.callBuffer('GETEX', `image:${id}`);
  return Buffer.isBuffer(bytes) ? bytes : null;
}
