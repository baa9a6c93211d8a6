// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Breaks: "loadImage ... must answer from Redis on every call, never from a file or from a
// copy kept in your program" (and the checks "sometimes right after your storeImage" put their
// own bytes in Redis). storeImage keeps the Buffer it wrote; the first loadImage after it hands
// that copy back without asking Redis, so bytes another program wrote in between are missed.
const justStored = new Map<string, Buffer>();

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data);
  await redis.del(`image:${id}:meta`);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
  justStored.set(id, data);
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  // "The image was just written, no need to fetch it again."
  const fresh = justStored.get(id);
  if (fresh) {
    justStored.delete(id);
    return fresh;
  }
  return redis.getBuffer(`image:${id}`);
}
