import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR = 3600;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  const data = await readFile(file);
  // The bytes and their hour in one command: no moment where the thumbnail has no expiry.
  await redis.set(key, data, 'EX', HOUR);
  // The key's name, value and Redis's own bookkeeping, as the allocator counts them.
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  // GETEX reads and renews in one step; on a missing key it answers nil and creates nothing.
  return redis.getexBuffer(`thumb:${id}`, 'EX', HOUR);
}
