// Right: recover pops the whole list with RPOP key count and LPUSHes it back, both in one Lua
// script; enqueue in a pipeline, ack in MULTI, the timeout passed as a string.
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

const RECOVER = `
local n = redis.call('LLEN', KEYS[1])
if n == 0 then return 0 end
local jobs = redis.call('RPOP', KEYS[1], n)
redis.call('LPUSH', KEYS[2], unpack(jobs))
return #jobs
`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.pipeline().rpush(QUEUE, job).exec();
}

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  return redis.blmove(QUEUE, `processing:${worker}`, 'LEFT', 'RIGHT', String(timeoutSeconds));
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  const replies = await redis.multi().lrem(`processing:${worker}`, 1, job).exec();
  const [error, removed] = replies?.[0] ?? [null, 0];
  if (error) throw error;
  return removed === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  return Number(await redis.eval(RECOVER, 2, `processing:${worker}`, QUEUE));
}
