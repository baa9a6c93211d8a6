// fails: loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once
// loadImage rewrites image:<id>:meta when its `bytes` differs from what it read (or creates it
// when missing): a read that writes.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

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
  const bytes = await redis.getBuffer(key);
  if (bytes === null) return null;
  const recorded = await redis.hget(`${key}:meta`, 'bytes');
  if (recorded !== String(bytes.length)) {
    await redis.hset(`${key}:meta`, { contentType: 'image/png', bytes: bytes.length });
  }
  return bytes;
}
