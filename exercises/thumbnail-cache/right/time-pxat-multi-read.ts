// Stores with SET … PXAT (Redis's TIME + an hour), asks MEMORY USAGE with call(); reads with GET
// and PEXPIRE 3600000 in one MULTI.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR_MS = 3_600_000;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  const data = await readFile(file);
  const [seconds, micros] = await redis.time();
  const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  await redis.set(key, data, 'PXAT', now + HOUR_MS);
  return Number(await redis.call('MEMORY', 'USAGE', key));
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const replies = await redis.multi().getBuffer(key).pexpire(key, HOUR_MS).exec();
  const [[error, bytes] = [null, null]] = replies ?? [];
  if (error) throw error;
  return Buffer.isBuffer(bytes) ? bytes : null;
}
