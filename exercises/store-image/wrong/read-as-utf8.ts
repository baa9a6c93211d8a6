// fails: image:<id> holds the exact bytes of the file
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Reads the file as text: every byte that is not valid UTF-8 becomes a replacement character.
export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  await redis.set(`image:${id}`, text);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: Buffer.byteLength(text),
    name: file,
  });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
