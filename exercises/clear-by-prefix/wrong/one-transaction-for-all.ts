// fails: walks with SCAN and never names more than 1000 keys in one command
// Deletes every key found in one MULTI of 500-key UNLINKs: Redis runs the transaction as one block,
// holding every other client as one big UNLINK would.
import type Redis from 'ioredis';

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
  const names = [...found];
  const transaction = redis.multi();
  for (let at = 0; at < names.length; at += 500) {
    transaction.unlink(...names.slice(at, at + 500));
  }
  const replies = (await transaction.exec()) ?? [];
  let deleted = 0;
  for (const [error, removed] of replies) {
    if (error) throw error;
    deleted += Number(removed);
  }
  return deleted;
}
