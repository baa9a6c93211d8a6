// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
// Sends KEYS when the database holds under 1000 keys, SCAN only when it is larger.
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  if ((await redis.dbsize()) < 1000) {
    const keys = await redis.keys(match);
    return keys.length === 0 ? 0 : redis.unlink(...keys);
  }
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
