// fails: cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else
// Drops '{' and '}' from the id, as if Redis Cluster's hash tags made them unsafe in a key: the id names its key exactly as given.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const keyId = (id: string) => id.replace(/[{}]/g, '');

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${keyId(id)}`;
  await redis.set(key, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${keyId(id)}`, 'EX', 3600);
}
