// fails: deletes every key with the prefix, and returns how many
// Deletes only the keys without a TTL, leaving those with an expiry until they expire.
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length > 0) {
      const ttls = (await redis.pipeline(keys.map((key) => ['pttl', key])).exec()) ?? [];
      const lasting = keys.filter((_, at) => ttls[at]?.[1] === -1);
      if (lasting.length > 0) deleted += await redis.unlink(...lasting);
    }
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
