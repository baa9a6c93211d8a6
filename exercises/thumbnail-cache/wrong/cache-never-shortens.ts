// fails: the thumbnail expires an hour after it is cached
// SET ... KEEPTTL, then EXPIRE GT and EXPIRE NX: a thumbnail cached again over one with more than
// an hour left keeps the longer expiry.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR = 3600;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis
    .multi()
    .set(key, await readFile(file), 'KEEPTTL')
    .expire(key, HOUR, 'GT')
    .expire(key, HOUR, 'NX')
    .exec();
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', HOUR);
}
