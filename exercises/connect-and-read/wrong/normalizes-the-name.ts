// fails: readBytes returns exactly the bytes stored under the key
// Normalizes the key's name to NFC: a name whose é is an e and a combining accent reads
// another key.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const name = key.normalize('NFC');
  const bytes = await redis.getBuffer(name);
  if (bytes === null) throw new Error(`Redis holds no value under ${name}`);
  return bytes;
}
