// fails: image:<id> holds the exact bytes of the file
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// The metadata's HSET is sent but not awaited: storeImage returns before Redis has it.
export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data);
  redis.hset(`image:${id}:meta`, { contentType: 'image/png', bytes: data.length, name: file });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
