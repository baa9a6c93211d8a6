// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
// Escapes the backslash with replace() of a string, which replaces the first one only: a prefix
// with two backslashes then matches other keys and misses its own.
import type Redis from 'ioredis';

function globEscape(text: string): string {
  // The backslash first, so that the escapes added next are not escaped again.
  return text.replace('\\', '\\\\').replace(/[*?[\]]/g, '\\$&');
}

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${globEscape(prefix)}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
