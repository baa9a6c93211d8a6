// fails: deletes every key with the prefix, and returns how many
import type Redis from 'ioredis';

// (confused) — breaks rule 1 ("deletes every key whose name starts with prefix").
// Uses `<prefix>?*` ("something under the prefix"), so a key named exactly the prefix — which
// starts with the prefix — is never deleted nor counted. checks.ts never seeds a key that is the
// prefix itself.
export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}?*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
