// fails: reading a thumbnail renews its hour, and only its own
// Takes any negative TTL for a missing key, but -1 means "exists, no expiry": a thumbnail with no
// expiry is renewed yet answered as null.
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
  const results = await redis.multi().ttl(key).getexBuffer(key, 'EX', HOUR).exec();
  const [[, ttl] = [], [, bytes] = []] = results ?? [];
  if (typeof ttl !== 'number' || ttl < 0) return null;
  return Buffer.isBuffer(bytes) ? bytes : null;
}
