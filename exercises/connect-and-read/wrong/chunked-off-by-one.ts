// fails: readBytes returns exactly the bytes stored under the key
import type Redis from 'ioredis';

// — breaks "a Buffer holding exactly the bytes Redis holds: same length, same bytes".
// Reads large values in 64 KiB chunks with GETRANGE, but GETRANGE's end index is INCLUSIVE: each
// chunk is 64 KiB + 1 byte and overlaps the next by one, so every value longer than 64 KiB comes
// back with a byte repeated at each boundary. The checks' values are all under 40 bytes (one
// chunk). (Also reads a value that changes mid-read as a mix of two values.)
const CHUNK = 64 * 1024;

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const size = await redis.strlen(key);
  if (size === 0 && (await redis.exists(key)) === 0) {
    throw new Error(`Redis holds no value under ${key}`);
  }
  const parts: Buffer[] = [];
  for (let start = 0; start < size; start += CHUNK) {
    parts.push(await redis.getrangeBuffer(key, start, start + CHUNK));
  }
  return Buffer.concat(parts);
}
