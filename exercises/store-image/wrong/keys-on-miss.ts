// fails: loadImage returns null when there is no image under the id
// On a miss, loadImage searches KEYS image:* for a key that matches the id ignoring case: a walk
// of the whole keyspace, where null is the answer.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data);
  await redis.del(`image:${id}:meta`);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `image:${id}`;
  const bytes = await redis.getBuffer(key);
  if (bytes !== null) return bytes;
  const other = (await redis.keys('image:*')).find(
    (candidate) => candidate.toLowerCase() === key.toLowerCase(),
  );
  return other === undefined ? null : redis.getBuffer(other);
}
