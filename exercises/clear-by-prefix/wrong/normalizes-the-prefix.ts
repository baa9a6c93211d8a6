// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
// Normalizes the prefix to NFC: an é written as e and a combining accent then deletes the keys
// with a one-character é, and leaves its own.
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.normalize('NFC').replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
