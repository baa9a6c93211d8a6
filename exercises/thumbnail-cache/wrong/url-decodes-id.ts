// fails: thumbnail returns the bytes Redis holds, as a Buffer
// Decodes the id as part of a URL when it can ('%3A' becomes ':'): the id names its key exactly as given, '%' and all.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const keyId = (id: string) => {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
};

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${keyId(id)}`;
  await redis.set(key, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${keyId(id)}`, 'EX', 3600);
}
