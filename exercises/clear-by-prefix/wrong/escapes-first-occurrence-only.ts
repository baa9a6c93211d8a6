// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
import type Redis from 'ioredis';

// — breaks rule 3 (a prefix's *, ?, [, ], \ mean those very characters).
// String.prototype.replace with a string pattern replaces only the FIRST occurrence, so a prefix
// holding a wildcard twice (e.g. 'a*b*:' or 'job??:') keeps its second wildcard live in MATCH:
// clearByPrefix(redis, 'a*b*:') also deletes 'a*bXYZ:1', a key that does not start with the prefix.
// Every prefix in checks.ts holds each special character at most once, so nothing notices.
function globEscape(text: string): string {
  return text
    .replace('\\', '\\\\')
    .replace('*', '\\*')
    .replace('?', '\\?')
    .replace('[', '\\[')
    .replace(']', '\\]');
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
