// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
// loadImage keeps what it last read and answers that copy while STRLEN is unchanged: an
// image replaced by other bytes of the same size between two loads comes back stale.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const seen = new Map<string, Buffer>();

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data);
  await redis.del(`image:${id}:meta`);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `image:${id}`;
  const copy = seen.get(id);
  if (copy && copy.length > 0 && (await redis.strlen(key)) === copy.length) return copy;
  const bytes = await redis.getBuffer(key);
  if (bytes) seen.set(id, bytes);
  else seen.delete(id);
  return bytes;
}
