// fails: storing again under the same id replaces the image and its metadata
// storeImage skips the SET when image:<id> already starts with the file's first 64 bytes and has
// no TTL: other bytes behind the same PNG header are never replaced.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  const key = `image:${id}`;
  const [head, pttl] = await Promise.all([redis.getrangeBuffer(key, 0, 63), redis.pttl(key)]);
  if (!(pttl === -1 && head.equals(data.subarray(0, 64)))) await redis.set(key, data);
  await redis.del(`${key}:meta`);
  await redis.hset(`${key}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getBuffer(`image:${id}`);
}
