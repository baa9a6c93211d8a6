// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
import type Redis from 'ioredis';

// — breaks rule 3 (the prefix's '\' must mean a backslash).
// Escapes * ? [ ] but forgets '\': 'path\abc:' becomes the pattern 'path\abc:*', where '\a'
// means 'a', so it deletes 'pathabc:…' keys and leaves every 'path\abc:…' key.
// checks.ts picks ONE of its four wildcard prefixes at random per grading, so this passes
// whenever the pick is not the backslash one (about 3 gradings in 4).
export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
