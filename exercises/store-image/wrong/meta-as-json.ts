// fails: image:<id>:meta is a hash with contentType, bytes and name
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Writes the metadata as a JSON string instead of a hash.
export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data);
  await redis.set(
    `image:${id}:meta`,
    JSON.stringify({ contentType: 'image/png', bytes: data.length, name: file }),
  );
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
