// fails: loadImage returns the exact bytes held under image:<id> as a Buffer
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

// get() decodes the reply as UTF-8 text: the PNG's bytes do not survive the trip.
export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const text = await redis.get(`image:${id}`);
  return text === null ? null : Buffer.from(text);
}
