// fails: readBytes returns a Buffer
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

// Silences the type checker instead of listening to it: the value is still a decoded string.
export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  return (await redis.get(key)) as unknown as Buffer;
}
