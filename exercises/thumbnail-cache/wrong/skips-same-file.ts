// fails: cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else
// cacheThumbnail remembers the file last cached under each id and, asked for it again, only renews
// the key: bytes put there since stay, and the usage it returns is stale.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR = 3600;
const last = new Map<string, { file: string; usage: number }>();

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  const known = last.get(id);
  if (known?.file === file && (await redis.expire(key, HOUR)) === 1) return known.usage;
  await redis.set(key, await readFile(file), 'EX', HOUR);
  const usage = (await redis.memory('USAGE', key)) ?? 0;
  last.set(id, { file, usage });
  return usage;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', HOUR);
}
