// fails: enqueue adds the task at the tail of queue:<queue>
// Pushes nothing when the same task already waits: a task queued twice on purpose runs once.
import type Redis from 'ioredis';

const PUSH_ONCE = `
if redis.call('LPOS', KEYS[1], ARGV[1]) then
  return redis.call('LLEN', KEYS[1])
end
return redis.call('RPUSH', KEYS[1], ARGV[1])
`;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return (await redis.eval(PUSH_ONCE, 1, `queue:${queue}`, task)) as number;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
