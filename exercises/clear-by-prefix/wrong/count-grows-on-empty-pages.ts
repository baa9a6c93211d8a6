// fails: walks with SCAN and never names more than 1000 keys in one command
// Doubles COUNT after each empty page, with no cap: where the prefix is rare, a SCAN soon walks
// more than 1000 keys.
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  let count = 100;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', count);
    if (keys.length > 0) {
      deleted += await redis.unlink(...keys);
      count = 100;
    } else {
      count *= 2;
    }
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
