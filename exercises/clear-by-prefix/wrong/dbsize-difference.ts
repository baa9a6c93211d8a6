// fails: returns how many keys it deleted itself, while another client deletes some
// Counts DBSIZE before minus DBSIZE after, which counts every other client's deletions and writes too.
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const before = await redis.dbsize();
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 200);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return before - (await redis.dbsize());
}
