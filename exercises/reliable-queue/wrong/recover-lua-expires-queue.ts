// fails: recover puts the worker's jobs back at the head of queue:jobs, in the order taken
// the recover script also gives queue:jobs a week to live: every waiting job is lost if the queue
// sits idle that long.
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

const processingKey = (worker: string) => `processing:${worker}`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.rpush(QUEUE, job);
}

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  return redis.blmove(QUEUE, processingKey(worker), 'LEFT', 'RIGHT', timeoutSeconds);
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.lrem(processingKey(worker), 1, job)) === 1;
}

const RECOVER = `
local moved = 0
while redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT') do moved = moved + 1 end
if moved > 0 then redis.call('EXPIRE', KEYS[2], 604800) end
return moved
`;

export async function recover(redis: Redis, worker: string): Promise<number> {
  return (await redis.eval(RECOVER, 2, processingKey(worker), QUEUE)) as number;
}
