// fails: storing again under the same id replaces the image and its metadata
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Breaks: "Storing a file under an id that already has an image replaces that image".
// SETRANGE key 0 writes over the old bytes but never truncates: storing a smaller file over a
// larger one leaves the old image's tail after the new bytes.
export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.setrange(`image:${id}`, 0, data);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
