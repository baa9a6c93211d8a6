// fails: enqueue returns the length of the queue after the push
// Gives the queue a day's TTL once a push makes it longer than 1000: a backlog nobody
// works vanishes, every task in it.
import type Redis from 'ioredis';

const PUSH = `
local n = redis.call('RPUSH', KEYS[1], ARGV[1])
if n > 1000 then redis.call('EXPIRE', KEYS[1], 86400) end
return n
`;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return (await redis.eval(PUSH, 1, `queue:${queue}`, task)) as number;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
