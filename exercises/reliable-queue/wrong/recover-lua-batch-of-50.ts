// fails: recover puts the worker's jobs back at the head of queue:jobs, in the order taken
// recover moves at most 50 jobs, in one Lua script, and never loops: a worker that held 51
// keeps one for ever.
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

const BATCH = 50;

const RECOVER = `
local jobs = redis.call('RPOP', KEYS[1], ARGV[1])
if not jobs then return 0 end
for i = 1, #jobs do redis.call('LPUSH', KEYS[2], jobs[i]) end
return #jobs
`;

export async function recover(redis: Redis, worker: string): Promise<number> {
  return (await redis.eval(RECOVER, 2, processingKey(worker), QUEUE, BATCH)) as number;
}
