// fails: loadImage returns one whole image, even while another program replaces it
// Reads values over 256 KiB in 256 KiB GETRANGEs, each on its own: an image replaced between two of them comes back as pieces of both.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis
    .multi()
    .set(`image:${id}`, data)
    .del(`image:${id}:meta`)
    .hset(`image:${id}:meta`, { contentType: 'image/png', bytes: data.length, name: file })
    .exec();
}

const PIECE = 256 * 1024;

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `image:${id}`;
  const size = await redis.strlen(key);
  if (size <= PIECE) return redis.getBuffer(key);
  const pieces: Buffer[] = [];
  for (let at = 0; at < size; at += PIECE) {
    pieces.push(await redis.getrangeBuffer(key, at, Math.min(at + PIECE, size) - 1));
  }
  return Buffer.concat(pieces);
}
