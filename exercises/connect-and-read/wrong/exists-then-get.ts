// fails: readBytes returns one value the key held, while another client changes it
// EXISTS, then GET without looking at its answer: when the key is deleted in between,
// it returns null instead of throwing.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  if ((await redis.exists(key)) === 0) throw new Error(`Redis holds no value under ${key}`);
  return (await redis.getBuffer(key)) as Buffer;
}
