// fails: walks with SCAN and never names more than 1000 keys in one command
import type Redis from 'ioredis';

// (cheating) — breaks rule 2 ("a COUNT of at most 1000").
// Redis reads SCAN's options left to right and the LAST COUNT wins, so each SCAN below really
// walks 100000 buckets per call (the caught wrong/huge-count.ts, in disguise). checks.ts's
// countOf() reads only the FIRST 'count' argument, sees 100 and is satisfied.
export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = (await redis.call(
      'SCAN',
      cursor,
      'COUNT',
      100,
      'MATCH',
      match,
      'COUNT',
      100000,
    )) as [string, string[]];
    for (let at = 0; at < keys.length; at += 500) {
      deleted += await redis.unlink(...keys.slice(at, at + 500));
    }
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
