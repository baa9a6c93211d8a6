// fails: storeImage writes image:<id> and image:<id>:meta, and no other key
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Also records every id in a set, a key the statement does not ask for.
export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data);
  await redis.del(`image:${id}:meta`);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
  await redis.sadd('images', id);
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
