// SET with PXAT an hour from now, in milliseconds; reads in a MULTI: GET then PEXPIRE of
// 3 600 000 ms (PEXPIRE on a missing key does nothing, so a miss creates nothing).
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR_MS = 3_600_000;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  const data = await readFile(file);
  await redis.set(key, data, 'PXAT', Date.now() + HOUR_MS);
  const usage = await redis.memory('USAGE', key);
  if (usage === null) throw new Error(`${key} vanished right after it was stored`);
  return usage;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const results = await redis.multi().getBuffer(key).pexpire(key, HOUR_MS).exec();
  const [error, bytes] = results?.[0] ?? [];
  if (error) throw error;
  return Buffer.isBuffer(bytes) ? bytes : null;
}
