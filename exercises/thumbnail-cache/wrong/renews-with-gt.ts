// fails: reading a thumbnail renews its hour, and only its own
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Breaks: thumbnail "sets that key's time to live back to a full hour". EXPIRE ... GT
// ("never shorten an expiry") treats a key with no expiry as infinite, so a thumbnail that has no
// TTL (say, written by an older version of the page) is never given its hour and never goes.
const HOUR = 3600;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.set(key, await readFile(file), 'EX', HOUR);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const [[, bytes] = [], [, _renewed] = []] =
    (await redis.multi().getBuffer(key).expire(key, HOUR, 'GT').exec()) ?? [];
  return (bytes as Buffer | null | undefined) ?? null;
}
