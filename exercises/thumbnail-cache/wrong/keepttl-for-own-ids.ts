// fails: the thumbnail expires an hour after it is cached
// SET ... KEEPTTL for an id this module cached before: cached again, it keeps whatever expiry
// is left instead of a new hour.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const cached = new Set<string>();

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  const data = await readFile(file);
  if (cached.has(id)) await redis.set(key, data, 'KEEPTTL');
  else await redis.set(key, data, 'EX', 3600);
  cached.add(id);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
