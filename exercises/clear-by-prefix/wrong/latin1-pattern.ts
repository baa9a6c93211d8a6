// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
import type Redis from 'ioredis';

// (confused about encodings) — breaks rule 1 ("deletes every key whose name starts with
// prefix"). "Key names are bytes, so use the 'binary' encoding": the MATCH pattern is encoded as
// latin1, so a non-ASCII prefix ('café:' → 63 61 66 e9 3a) no longer matches the UTF-8 names
// Redis holds (63 61 66 c3 a9 3a) and nothing is deleted. Identical for the ASCII-only prefixes
// of checks.ts.
export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = Buffer.from(`${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'latin1');
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = (await redis.callBuffer('SCAN', cursor, 'MATCH', match, 'COUNT', 100)) as [
      Buffer,
      Buffer[],
    ];
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next.toString();
  } while (cursor !== '0');
  return deleted;
}
