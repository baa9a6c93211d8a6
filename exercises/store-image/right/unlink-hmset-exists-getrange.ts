// UNLINK of both keys, SET and HMSET (a flat list of fields) in one MULTI; reads EXISTS and
// GETRANGE 0 -1 in one MULTI, which tells an empty image from a missing one.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  const key = `image:${id}`;
  const results = await redis
    .multi()
    .unlink(key, `${key}:meta`)
    .set(key, data)
    .hmset(`${key}:meta`, 'contentType', 'image/png', 'bytes', String(data.length), 'name', file)
    .exec();
  for (const [error] of results ?? []) if (error) throw error;
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `image:${id}`;
  const results = await redis.multi().exists(key).getrangeBuffer(key, 0, -1).exec();
  if (!results) throw new Error('transaction aborted');
  const [[existsError, exists], [rangeError, bytes]] = results as [
    [Error | null, number],
    [Error | null, Buffer],
  ];
  if (existsError || rangeError) throw existsError ?? rangeError;
  return exists === 1 ? bytes : null;
}
