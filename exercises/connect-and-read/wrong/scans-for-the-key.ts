// fails: readBytes reads the key it is given, without searching for keys
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

// "There is only one of its kind": finds a key by the start of its name instead of reading the
// one it was given.
export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const [, found] = await redis.scan(0, 'MATCH', `${key.slice(0, 3)}*`, 'COUNT', 100);
  const bytes = found[0] === undefined ? null : await redis.getBuffer(found[0]);
  if (bytes === null) throw new Error('no such value in Redis');
  return bytes;
}
