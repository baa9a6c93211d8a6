// fails: cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else
// cacheThumbnail deletes thumb:<id>:* as stale size variants, but 'logo:small' is an id of its
// own: caching 'logo' deletes another thumbnail.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  const data = await readFile(file);
  const variants = await redis.keys(`${escapeGlob(key)}:*`);
  if (variants.length > 0) await redis.del(...variants);
  await redis.set(key, data, 'EX', 3600);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
