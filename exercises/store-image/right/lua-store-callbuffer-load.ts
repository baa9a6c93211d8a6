// Stores with one Lua script (DEL both keys, SET the bytes passed as an argument, HSET the
// metadata); loads with callBuffer('GET'), which answers the bytes untouched.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const STORE = `
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'contentType', 'image/png', 'bytes', ARGV[2], 'name', ARGV[3])
return 1
`;

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.eval(STORE, 2, `image:${id}`, `image:${id}:meta`, data, data.length, file);
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const bytes = await redis.callBuffer('GET', `image:${id}`);
  return Buffer.isBuffer(bytes) ? bytes : null;
}
