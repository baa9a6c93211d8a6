// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
// Drops a trailing * from the prefix, taking it for the caller's wildcard: 'tmp*' deletes every
// 'tmp…' key.
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const stem = prefix.replace(/\*+$/, '');
  const match = `${stem.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
