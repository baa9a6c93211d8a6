// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
// Remembers the prefixes it cleared and answers 0 for them, so keys written under one since are left.
import type Redis from 'ioredis';

const cleared = new Set<string>();

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  if (cleared.has(prefix)) return 0;
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  if (deleted > 0) cleared.add(prefix);
  return deleted;
}
