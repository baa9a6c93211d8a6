// fails: image:<id> holds the exact bytes of the file
// Lower-cases the id in the key names: storeImage('Cat', …) writes image:cat.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const keyOf = (id: string) => `image:${id.toLowerCase()}`;

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(keyOf(id), data);
  await redis.del(`${keyOf(id)}:meta`);
  await redis.hset(`${keyOf(id)}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(keyOf(id));
}
