import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  // One page is a start: walk them all with SCAN's cursor, and delete what each page holds.
  const [, firstPage] = await redis.scan('0', 'MATCH', `${prefix}*`);
  return firstPage.length;
}
