// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
// Filters with a RegExp that escapes only * ? [ ] \: a prefix's . + ( | $ act as a regular
// expression's, so it misses its own keys and may take others.
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const starts = new RegExp(`^${prefix.replace(/[*?[\]\\]/g, '\\$&')}`);
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
    const ours = keys.filter((key) => starts.test(key));
    if (ours.length > 0) deleted += await redis.unlink(...ours);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
