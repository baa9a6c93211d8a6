// fails: readBytes reads the key it is given, without searching for keys
// Counts every read with INCR reads:<key>: reading writes keys nobody asked for.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const [[readError, bytes] = [], [countError] = []] =
    (await redis.pipeline().getBuffer(key).incr(`reads:${key}`).exec()) ?? [];
  if (readError) throw readError;
  if (countError) throw countError;
  if (bytes === null || bytes === undefined) throw new Error(`Redis holds no value under ${key}`);
  return bytes as Buffer;
}
