// fails: logEvent keeps only the 5 newest events
// Skips the push when the event equals the newest entry: an event that happens again is not
// logged again.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

const LOG_ONCE = `
if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then return 0 end
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, 4)
return 1
`;

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.eval(LOG_ONCE, 1, 'events:recent', event);
}
