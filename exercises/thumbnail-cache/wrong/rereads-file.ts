// fails: thumbnail returns the bytes Redis holds, as a Buffer
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Breaks: thumbnail returns the bytes "exactly as Redis holds them" and "reads Redis on
// every call". It remembers which file each id was cached from and reads the file again,
// using Redis only to renew the hour.
const HOUR = 3600;
const files = new Map<string, string>();

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.set(key, await readFile(file), 'EX', HOUR);
  files.set(id, file);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const file = files.get(id);
  if (file !== undefined) return (await redis.expire(key, HOUR)) === 1 ? readFile(file) : null;
  return redis.getexBuffer(key, 'EX', HOUR);
}
