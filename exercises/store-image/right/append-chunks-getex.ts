// Writes the bytes in chunks with APPEND after a DEL, and the metadata after a DEL, all in
// one MULTI (so the old image and any old metadata are replaced whole); reads with GETEX and no
// option, which answers the value and leaves its (absent) expiry alone.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const CHUNK = 1024;

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  const key = `image:${id}`;
  const tx = redis.multi().del(key, `${key}:meta`);
  for (let at = 0; at < data.length; at += CHUNK) tx.append(key, data.subarray(at, at + CHUNK));
  tx.hmset(`${key}:meta`, 'contentType', 'image/png', 'bytes', String(data.length), 'name', file);
  const results = await tx.exec();
  for (const [error] of results ?? []) if (error) throw error;
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`image:${id}`);
}
