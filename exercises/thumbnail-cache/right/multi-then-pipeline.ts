import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  const results = await redis
    .multi()
    .set(key, await readFile(file))
    .expire(key, 60 * 60)
    .memory('USAGE', key)
    .exec();
  return Number(results?.[2]?.[1]);
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  // EXPIRE on a key that is not there does nothing, so a miss creates nothing.
  const [[, bytes] = []] = (await redis.pipeline().getBuffer(key).expire(key, 3600).exec()) ?? [];
  return (bytes as Buffer | null | undefined) ?? null;
}
