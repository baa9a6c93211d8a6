// fails: readBytes returns exactly the bytes stored under the key
import type Redis from 'ioredis';

// (cheating: special-cases the checks' data) — breaks "returns ... exactly the bytes Redis
// holds". Every key in checks.ts starts with 'blob:', so only those are read as bytes; any other
// key is read as text with GET and re-encoded, which turns 0xFF/0xFE into ef bf bd.
export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  if (key.startsWith('blob:')) {
    const bytes = await redis.getBuffer(key);
    if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
    return bytes;
  }
  const text = await redis.get(key);
  if (text === null) throw new Error(`Redis holds no value under ${key}`);
  return Buffer.from(text);
}
