// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
// Takes a backslash before * ? [ ] in the prefix for an escape already made, so the prefix
// 'a\*b:' (a backslash, then a star) matches keys named 'a*b:…' instead of its own.
import type Redis from 'ioredis';

function globEscape(text: string): string {
  return text.replace(/\\(?![*?[\]\\])/g, '\\\\').replace(/(?<!\\)[*?[\]]/g, '\\$&');
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
