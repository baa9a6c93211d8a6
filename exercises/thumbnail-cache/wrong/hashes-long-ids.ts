// fails: cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else
// Replaces an id longer than 64 characters by its SHA-1 ("keys should be short"): the key is no longer thumb:<id>.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const keyId = (id: string) => (id.length > 64 ? createHash('sha1').update(id).digest('hex') : id);

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${keyId(id)}`;
  await redis.set(key, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${keyId(id)}`, 'EX', 3600);
}
