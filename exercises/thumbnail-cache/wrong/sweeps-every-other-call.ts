// fails: cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else
// Every second call, cacheThumbnail SCANs thumb:* and deletes thumbnails with no expiry: keys
// that are not its own.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

let calls = 0;

async function sweep(redis: Redis) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'thumb:*', 'COUNT', 100);
    cursor = next;
    for (const key of keys) if ((await redis.ttl(key)) === -1) await redis.del(key);
  } while (cursor !== '0');
}

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.set(key, await readFile(file), 'EX', 3600);
  if (++calls % 2 === 0) await sweep(redis);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
