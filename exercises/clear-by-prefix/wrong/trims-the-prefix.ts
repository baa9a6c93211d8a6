// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
// Trims the prefix, so ' tmp ' deletes keys named 'tmp…' and leaves those that start with the spaces.
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const clean = prefix.trim();
  const match = `${clean.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
