// fails: thumbnail returns the bytes Redis holds, as a Buffer
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const seen = new Map<string, Buffer>();

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  await redis.set(`thumb:${id}`, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', `thumb:${id}`)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const known = seen.get(id);
  await redis.expire(`thumb:${id}`, 3600);
  if (known) return known;
  const bytes = await redis.getBuffer(`thumb:${id}`);
  if (bytes) seen.set(id, bytes);
  return bytes;
}
