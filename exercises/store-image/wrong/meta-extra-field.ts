// fails: image:<id>:meta is a hash with contentType, bytes and name
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Adds a field of its own to the metadata, which the statement limits to three.
export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
    storedAt: Date.now(),
  });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
