// fails: image:<id> holds the exact bytes of the file
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Stores the image as base64 text, as if Redis could only hold text.
export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data.toString('base64'));
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const text = await redis.get(`image:${id}`);
  return text === null ? null : Buffer.from(text, 'base64');
}
