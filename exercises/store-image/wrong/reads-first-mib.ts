// fails: loadImage returns one whole image, even while another program replaces it
// Reads at most the first MiB of the value ("to protect memory"): a larger image comes back cut short.
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

const MAX_BYTES = 1024 * 1024;

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `image:${id}`;
  const [[, exists], [error, bytes]] = (await redis
    .multi()
    .exists(key)
    .getrangeBuffer(key, 0, MAX_BYTES - 1)
    .exec()) as [[Error | null, number], [Error | null, Buffer]];
  if (error) throw error;
  return exists === 1 ? bytes : null;
}
