// SCAN with COUNT 1000, each page deleted by DELs of at most 250 keys in one pipeline (no
// transaction), summing what each DEL answers.
import type Redis from 'ioredis';

const SLICE = 250;

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    if (keys.length > 0) {
      const pipeline = redis.pipeline();
      for (let at = 0; at < keys.length; at += SLICE) pipeline.del(...keys.slice(at, at + SLICE));
      for (const [error, removed] of (await pipeline.exec()) ?? []) {
        if (error) throw error;
        deleted += Number(removed);
      }
    }
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
