// fails: cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else
// Collapses runs of white space in the id into one space: 'logo  big' and 'logo big' are two ids, with two keys.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const keyId = (id: string) => id.replace(/\s+/g, ' ');

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${keyId(id)}`;
  await redis.set(key, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${keyId(id)}`, 'EX', 3600);
}
