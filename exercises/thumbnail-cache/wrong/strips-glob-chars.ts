// fails: cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else
// Strips '*', '?', '[' and ']' from the id, so 'a*' and 'a' share one key.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const keyOf = (id: string) => `thumb:${id.replace(/[*?[\]]/g, '')}`;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = keyOf(id);
  await redis.set(key, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(keyOf(id), 'EX', 3600);
}
