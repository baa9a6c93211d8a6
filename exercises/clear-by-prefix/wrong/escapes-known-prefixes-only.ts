// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
import type Redis from 'ioredis';

// (cheating) — breaks rule 3.
// Does not escape in general; it special-cases the four wildcard prefixes seen in checks.ts
// (job?…, report[eu]…, cache*…, path\…) and escapes only those. Any other prefix holding a
// wildcard (e.g. 'user?:' or 'q[1]:') is used as a live pattern and deletes look-alikes.
function pattern(prefix: string): string {
  if (/^(job\?|report\[eu\]|cache\*|path\\)/.test(prefix)) {
    return `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  }
  return `${prefix}*`;
}

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = pattern(prefix);
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
