import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  // Walk the keys that start with prefix with SCAN, a page at a time, and delete them.
  return 0;
}
