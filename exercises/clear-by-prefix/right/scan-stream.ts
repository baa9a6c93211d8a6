import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, (special) => `\\${special}`)}*`;
  let deleted = 0;
  // scanStream runs the cursor loop itself and hands over each non-empty page.
  for await (const keys of redis.scanStream({ match, count: 250 })) {
    if ((keys as string[]).length > 0) deleted += await redis.del(...(keys as string[]));
  }
  return deleted;
}
