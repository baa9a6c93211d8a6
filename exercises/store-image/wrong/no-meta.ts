// fails: image:<id>:meta is a hash with contentType, bytes and name
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Stores the bytes and forgets the metadata hash.
export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  await redis.set(`image:${id}`, await readFile(file));
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
