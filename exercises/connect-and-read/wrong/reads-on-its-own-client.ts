// fails: readBytes reads the key it is given, without searching for keys
// Reads on a duplicate() of the client it is given, not on that client.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const own = redis.duplicate();
  try {
    const bytes = await own.getBuffer(key);
    if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
    return bytes;
  } finally {
    own.disconnect();
  }
}
