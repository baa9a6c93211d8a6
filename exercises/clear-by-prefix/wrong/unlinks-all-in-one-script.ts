// fails: walks with SCAN and never names more than 1000 keys in one command
import type Redis from 'ioredis';

// — breaks rule 2 ("No command it sends names more than 1000 keys").
// Walks with SCAN correctly, but then deletes everything it found in ONE EVAL whose KEYS are all
// the matching names (2200+ in the checks): one command naming thousands of keys, which holds
// Redis for the whole delete — exactly what rule 2 forbids. The check's keysNamed() only counts
// the arguments of DEL/UNLINK/EXISTS/TOUCH/MGET/MSET and counts any other command as 1 key.
export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  const found = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
    for (const key of keys) found.add(key);
    cursor = next;
  } while (cursor !== '0');
  if (found.size === 0) return 0;
  // "A script is one atomic step, so it is cheaper than many DELs."
  return (await redis.eval(
    "return redis.call('UNLINK', unpack(KEYS))",
    found.size,
    ...found,
  )) as number;
}
