import type Redis from 'ioredis';

const RECENT = 'events:recent';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return (await redis.call('RPUSH', `queue:${queue}`, task)) as number;
}

// LMPOP takes from the left end of the first non-empty list it is given: [key, [task]] or null.
export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const popped = (await redis.call('LMPOP', 1, `queue:${queue}`, 'LEFT', 'COUNT', 1)) as
    | [string, string[]]
    | null;
  return popped?.[1][0] ?? null;
}

// One script pushes and trims: the log never holds more than five, even for a moment.
export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.eval(
    "redis.call('LPUSH', KEYS[1], ARGV[1]); return redis.call('LTRIM', KEYS[1], 0, 4)",
    1,
    RECENT,
    event,
  );
}
