// fails: a missing or expired thumbnail reads as null, and nothing is created
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  await redis.set(`thumb:${id}`, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', `thumb:${id}`)) ?? 0;
}

// Renews by writing the value back, so a missing thumbnail comes back as an empty one.
export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const found = await redis.getBuffer(key);
  await redis.set(key, found ?? Buffer.alloc(0), 'EX', 3600);
  return found;
}
