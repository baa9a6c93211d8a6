// fails: thumbnail returns the bytes Redis holds, as a Buffer
// thumbnail finds the key with KEYS thumb:<id>: an id holding '*', '?' or '[' reads and renews
// another thumbnail.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR = 3600;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.set(key, await readFile(file), 'EX', HOUR);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const [found] = await redis.keys(`thumb:${id}`);
  if (found === undefined) return null;
  return redis.getexBuffer(found, 'EX', HOUR);
}
