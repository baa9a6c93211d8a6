// fails: reading a thumbnail renews its hour, and only its own
// thumbnail renews with EXPIRE GT plus EXPIRE NX, so a thumbnail with more than an hour left
// keeps it instead of going back to a full hour.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR = 3600;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.set(key, await readFile(file), 'EX', HOUR);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const results = await redis
    .multi()
    .getBuffer(key)
    .expire(key, HOUR, 'GT')
    .expire(key, HOUR, 'NX')
    .exec();
  const [error, bytes] = results?.[0] ?? [];
  if (error) throw error;
  return Buffer.isBuffer(bytes) ? bytes : null;
}
