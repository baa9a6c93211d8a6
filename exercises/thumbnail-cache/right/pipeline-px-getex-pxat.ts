// SET ... PX and MEMORY USAGE in one pipeline (its replies come in order); thumbnail reads with
// GETEX ... PXAT an hour from now.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR_MS = 3_600_000;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  const data = await readFile(file);
  const results = await redis.pipeline().set(key, data, 'PX', HOUR_MS).memory('USAGE', key).exec();
  const [[setError] = [], [usageError, usage] = []] = results ?? [];
  if (setError) throw setError;
  if (usageError) throw usageError;
  return Number(usage);
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'PXAT', Date.now() + HOUR_MS);
}
