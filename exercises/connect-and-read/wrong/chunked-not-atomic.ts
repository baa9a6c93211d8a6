// fails: readBytes returns one value the key held, while another client changes it
// STRLEN, then GETRANGE in parts: when another client replaces the value in between, the
// Buffer mixes the two values or is cut at the old length.
import type Redis from 'ioredis';

const CHUNK = 16 * 1024;

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const size = await redis.strlen(key);
  if (size === 0) {
    if ((await redis.exists(key)) === 0) throw new Error(`Redis holds no value under ${key}`);
    return Buffer.alloc(0);
  }
  const parts: Buffer[] = [];
  for (let start = 0; start < size; start += CHUNK) {
    parts.push(await redis.getrangeBuffer(key, start, Math.min(start + CHUNK, size) - 1));
  }
  return Buffer.concat(parts);
}
