// fails: thumbnail returns the bytes Redis holds, as a Buffer
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  await redis.set(`thumb:${id}`, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', `thumb:${id}`)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const text = await redis.getex(`thumb:${id}`, 'EX', 3600);
  return text === null ? null : Buffer.from(text);
}
