// fails: cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else
// Names the key thumb:${encodeURIComponent(id)}: an id with a space, '?', ':' or '%' is
// stored under another key than thumb:<id>.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const keyOf = (id: string) => `thumb:${encodeURIComponent(id)}`;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = keyOf(id);
  await redis.set(key, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(keyOf(id), 'EX', 3600);
}
