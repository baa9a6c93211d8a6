import type Redis from 'ioredis';

// No pattern at all: every page's keys are checked here, which costs more round trips but
// needs no escaping.
export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
    const ours = keys.filter((key) => key.startsWith(prefix));
    if (ours.length > 0) {
      const replies = await redis.pipeline(ours.map((key) => ['unlink', key])).exec();
      deleted += (replies ?? []).reduce((sum, [, removed]) => sum + Number(removed), 0);
    }
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
