// fails: image:<id> holds the exact bytes of the file
// Drops '{' and '}' from the id, as if Redis Cluster's hash tags made them unsafe in a key: the id names its key exactly as given.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const keyId = (id: string) => id.replace(/[{}]/g, '');

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis
    .multi()
    .set(`image:${keyId(id)}`, data)
    .del(`image:${keyId(id)}:meta`)
    .hset(`image:${keyId(id)}:meta`, { contentType: 'image/png', bytes: data.length, name: file })
    .exec();
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${keyId(id)}`);
}
