// fails: thumbnail returns the bytes Redis holds, as a Buffer
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Breaks: thumbnail "returns the bytes held under thumb:<id> ... exactly as Redis holds
// them" and "reads Redis on every call". cacheThumbnail keeps the bytes it stored; thumbnail
// renews the key with EXPIRE and, when it holds a copy, answers with that copy: bytes another
// program put under thumb:<id> since are never seen.
const HOUR = 3600;
const copies = new Map<string, Buffer>();

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  const data = await readFile(file);
  await redis.set(key, data, 'EX', HOUR);
  copies.set(id, data);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const copy = copies.get(id);
  if (copy) {
    if ((await redis.expire(key, HOUR)) === 1) return copy;
    copies.delete(id);
    return null;
  }
  return redis.getexBuffer(key, 'EX', HOUR);
}
