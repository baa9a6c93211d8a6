// fails: returns how many keys it deleted itself, while another client deletes some
// Counts a page of one key as 1 without reading UNLINK's reply: a key another client deleted
// between the SCAN and the UNLINK is counted as its own.
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length === 1) {
      await redis.unlink(keys[0] as string);
      deleted += 1;
    } else if (keys.length > 1) {
      deleted += await redis.unlink(...keys);
    }
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
