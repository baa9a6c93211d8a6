// fails: thumbnail returns the bytes Redis holds, as a Buffer
// GETRANGE answers an empty string for a missing key, so this takes an empty thumbnail for a
// missing one, and answers null for a key that exists.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  await redis.set(`thumb:${id}`, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', `thumb:${id}`)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const results = await redis.multi().getrangeBuffer(key, 0, -1).expire(key, 3600).exec();
  const bytes = results?.[0]?.[1] as Buffer | undefined;
  return bytes && bytes.length > 0 ? bytes : null;
}
