// fails: cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else
// cacheThumbnail SCANs thumb:* and deletes other thumbnails with less than two minutes left:
// it writes keys that are not its own.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR = 3600;

async function evictNearlyExpired(redis: Redis, keep: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'thumb:*', 'COUNT', 100);
    cursor = next;
    for (const key of keys) {
      if (key === keep) continue;
      const pttl = await redis.pttl(key);
      if (pttl >= 0 && pttl < 120_000) await redis.del(key);
    }
  } while (cursor !== '0');
}

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await evictNearlyExpired(redis, key);
  await redis.set(key, await readFile(file), 'EX', HOUR);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', HOUR);
}
