// fails: storeImage writes image:<id> and image:<id>:meta, and no other key
// SETs the bytes into one fixed key, image:upload-tmp, then RENAMEs it onto image:<id>: two
// stores at once share that key, and the image whose id is 'upload-tmp' is overwritten.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const STAGING = 'image:upload-tmp';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(STAGING, data);
  await redis
    .multi()
    .rename(STAGING, `image:${id}`)
    .del(`image:${id}:meta`)
    .hset(`image:${id}:meta`, { contentType: 'image/png', bytes: data.length, name: file })
    .exec();
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
