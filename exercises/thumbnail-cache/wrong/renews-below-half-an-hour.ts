// fails: reading a thumbnail renews its hour, and only its own
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Breaks: thumbnail "sets that key's time to live back to a full hour" on every read.
// To save writes it renews only when less than half an hour is left, so a thumbnail read with
// 50 minutes left keeps 50 minutes.
const HOUR = 3600;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.set(key, await readFile(file), 'EX', HOUR);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const ttl = await redis.ttl(key);
  if (ttl === -2) return null;
  if (ttl >= 0 && ttl < HOUR / 2) return redis.getexBuffer(key, 'EX', HOUR);
  return redis.getBuffer(key);
}
