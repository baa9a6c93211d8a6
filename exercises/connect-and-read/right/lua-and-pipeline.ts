import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  const [[error, reply] = []] = (await redis.pipeline().ping().exec()) ?? [];
  if (error) throw error;
  return reply as string;
}

// A script's GET of a missing key answers false, which ioredis gives back as null.
export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = (await redis.callBuffer(
    'EVAL',
    "return redis.call('GET', KEYS[1])",
    1,
    key,
  )) as Buffer | null;
  if (bytes === null) throw new RangeError(`no key named ${key}`);
  return bytes;
}
