// SET ... EXAT (whole seconds) and MEMORY USAGE ... SAMPLES 0 through call(); thumbnail sends
// EXPIRE, then GET, in one MULTI (EXPIRE of a missing key does nothing).
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  const at = Math.floor(Date.now() / 1000) + 3600;
  await redis.set(key, await readFile(file), 'EXAT', at);
  return Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const results = await redis.multi().expire(key, 3600).getBuffer(key).exec();
  const [error, bytes] = results?.[1] ?? [];
  if (error) throw error;
  return Buffer.isBuffer(bytes) ? bytes : null;
}
