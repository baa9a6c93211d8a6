import type Redis from 'ioredis';

// call() and callBuffer() send any command by name; callBuffer keeps the reply as bytes.
export async function ping(redis: Redis): Promise<string> {
  return (await redis.call('PING')) as string;
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = (await redis.callBuffer('GET', key)) as Buffer | null;
  if (!bytes) throw new Error(`${key} does not exist`);
  return bytes;
}
