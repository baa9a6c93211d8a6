// fails: dequeue takes the oldest task, from the head of the list
// Pops the head, then removes every other copy of that task: a task queued twice runs once.
import type Redis from 'ioredis';

const TAKE = `
local task = redis.call('LPOP', KEYS[1])
if task then
  redis.call('LREM', KEYS[1], 0, task)
end
return task
`;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return (await redis.eval(TAKE, 1, `queue:${queue}`)) as string | null;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
