// fails: walks with SCAN and never names more than 1000 keys in one command
// Sends KEYS when the database holds fewer than 100 keys, thinking KEYS is slow only on big ones.
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  const size = await redis.dbsize();
  if (size > 0 && size < 100) {
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
