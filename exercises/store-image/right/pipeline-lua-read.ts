// Both keys written by one pipeline (SET, then DEL + HSET of the metadata given as a
// Map); read by a Lua script whose GET answers the bytes untouched (nil for a missing key).
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const READ = "return redis.call('GET', KEYS[1])";

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  const meta = new Map<string, string | number>([
    ['name', file],
    ['bytes', data.byteLength],
    ['contentType', 'image/png'],
  ]);
  const results = await redis
    .pipeline()
    .set(`image:${id}`, data)
    .del(`image:${id}:meta`)
    .hset(`image:${id}:meta`, meta)
    .exec();
  for (const [error] of results ?? []) if (error) throw error;
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const bytes: unknown = await redis.callBuffer('EVAL', READ, 1, `image:${id}`);
  return Buffer.isBuffer(bytes) ? bytes : null;
}
