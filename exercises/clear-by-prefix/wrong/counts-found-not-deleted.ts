// fails: returns how many keys it deleted itself, while another client deletes some
// Returns how many keys SCAN found, not how many UNLINK removed: a key another client deleted
// meanwhile is counted as its own.
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length > 0) {
      await redis.unlink(...keys);
      deleted += keys.length;
    }
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
