// fails: thumbnail returns the bytes Redis holds, as a Buffer
// thumbnail keeps the bytes it last read and answers with them when STRLEN is unchanged: other
// bytes of the same length put there since are never seen.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR = 3600;
const copies = new Map<string, Buffer>();

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.set(key, await readFile(file), 'EX', HOUR);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const copy = copies.get(id);
  if (copy && copy.length > 0) {
    const [[, length] = [], [, renewed] = []] =
      (await redis.pipeline().strlen(key).expire(key, HOUR).exec()) ?? [];
    if (renewed === 1 && length === copy.length) return copy;
  }
  const bytes = await redis.getexBuffer(key, 'EX', HOUR);
  if (bytes) copies.set(id, bytes);
  else copies.delete(id);
  return bytes;
}
