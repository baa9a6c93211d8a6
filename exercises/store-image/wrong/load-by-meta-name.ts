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

// Reads the file the metadata names again, instead of the bytes Redis holds.
export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const name = await redis.hget(`image:${id}:meta`, 'name');
  return name === null ? null : readFile(name);
}
