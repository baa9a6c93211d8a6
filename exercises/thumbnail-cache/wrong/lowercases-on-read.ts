// fails: thumbnail returns the bytes Redis holds, as a Buffer
// Stores under the id as given, but reads under the id in lower case: a thumbnail whose id has a capital is never found (nor renewed).
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const keyId = (id: string) => id;
const readId = (id: string) => id.toLowerCase();

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${keyId(id)}`;
  await redis.set(key, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${readId(id)}`, 'EX', 3600);
}
