import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Both keys written by one script, the old metadata deleted first; Lua strings carry any
// bytes, so the Buffer goes in as it is.
const STORE = `
redis.call('SET', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'contentType', 'image/png', 'bytes', ARGV[2], 'name', ARGV[3])
`;

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(`./${file}`);
  await redis.eval(STORE, 2, `image:${id}`, `image:${id}:meta`, data, data.length, file);
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `image:${id}`;
  // GETRANGE answers an empty value for a missing key, so ask whether it exists first.
  if ((await redis.exists(key)) === 0) return null;
  return redis.getrangeBuffer(key, 0, -1);
}
