// fails: readBytes returns one value the key held, while another client changes it
// Reads values over 32 KiB with STRLEN, then GETRANGE in parts: another client's SET or DEL
// between two parts gives pieces of two values, or a cut one.
import type Redis from 'ioredis';

const LARGE = 32 * 1024;
const PART = 16 * 1024;

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const size = await redis.strlen(key);
  if (size <= LARGE) {
    const bytes = await redis.getBuffer(key);
    if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
    return bytes;
  }
  const parts: Buffer[] = [];
  for (let start = 0; start < size; start += PART) {
    parts.push(await redis.getrangeBuffer(key, start, Math.min(start + PART, size) - 1));
  }
  return Buffer.concat(parts);
}
