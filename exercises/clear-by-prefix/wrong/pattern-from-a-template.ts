// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
// Builds the pattern with String.replace, whose replacement reads $& and $' as patterns: a prefix holding them matches other keys.
import type Redis from 'ioredis';

/** MATCH takes a glob pattern: a prefix's own *, ?, [, ] and \ must match only themselves. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = '<prefix>*'.replace('<prefix>', globEscape(prefix));
  let deleted = 0;
  let cursor = '0';
  do {
    // A page at a time: between pages Redis serves everyone else.
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    // A page may be empty while the walk goes on: only the cursor says when it is over.
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
