// LMPOP without COUNT for the dequeue; the log is trimmed only when LPUSH's own reply says it
// grew past five, and each call that pushes a sixth entry trims, so calls at once still leave five.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const popped = (await redis.call('LMPOP', '1', `queue:${queue}`, 'LEFT')) as
    | [string, string[]]
    | null;
  return popped === null ? null : (popped[1][0] ?? null);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  const length = await redis.lpush('events:recent', event);
  if (length > 5) await redis.ltrim('events:recent', 0, 4);
}
