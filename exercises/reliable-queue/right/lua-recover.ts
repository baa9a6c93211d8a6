import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

// The whole recovery in one script: Redis runs it as one step, so no other client sees the
// jobs half moved. LPUSH from the newest back to the oldest leaves the oldest in front.
const RECOVER = `
local jobs = redis.call('LRANGE', KEYS[1], 0, -1)
for i = #jobs, 1, -1 do
  redis.call('LPUSH', KEYS[2], jobs[i])
end
redis.call('DEL', KEYS[1])
return #jobs
`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.rpush(QUEUE, job);
}

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  const job = await redis.blmove(QUEUE, `processing:${worker}`, 'LEFT', 'RIGHT', timeoutSeconds);
  return job ?? null;
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.lrem(`processing:${worker}`, 1, job)) > 0;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  const moved = await redis.eval(RECOVER, 2, `processing:${worker}`, QUEUE);
  return Number(moved);
}
