// fails: deletes every key with the prefix, and returns how many
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const keys = await redis.keys(`${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`);
  let deleted = 0;
  for (let at = 0; at < keys.length; at += 500)
    deleted += await redis.unlink(...keys.slice(at, at + 500));
  return deleted;
}
