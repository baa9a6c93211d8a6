// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
import type Redis from 'ioredis';

// Filters in JavaScript instead of escaping, but counts what SCAN found, not what it deleted.
export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 100);
    const ours = keys.filter((key) => key.startsWith(prefix));
    if (ours.length > 0) await redis.unlink(...ours);
    deleted += keys.length;
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
