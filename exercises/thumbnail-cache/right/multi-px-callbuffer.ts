// SET ... PX and MEMORY USAGE in one MULTI; thumbnail sends GETEX ... PX through callBuffer.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR_MS = 60 * 60 * 1000;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  const data = await readFile(file);
  const replies = await redis.multi().set(key, data, 'PX', HOUR_MS).memory('USAGE', key).exec();
  const [error, usage] = replies?.[1] ?? [];
  if (error) throw error;
  return Number(usage);
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return (await redis.callBuffer('GETEX', `thumb:${id}`, 'PX', String(HOUR_MS))) as Buffer | null;
}
