// fails: cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else
// Lower-cases the id, so cacheThumbnail('Logo', ...) writes thumb:logo.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR = 3600;
const keyOf = (id: string) => `thumb:${id.toLowerCase()}`;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = keyOf(id);
  await redis.set(key, await readFile(file), 'EX', HOUR);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(keyOf(id), 'EX', HOUR);
}
