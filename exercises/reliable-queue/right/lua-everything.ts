// ack and recover as Lua scripts (ack looks with LPOS, then LREM, in one script); enqueue in a
// pipeline; take one BLMOVE.
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';
const keyOf = (worker: string) => `processing:${worker}`;

const ACK = `
if not redis.call('LPOS', KEYS[1], ARGV[1]) then return 0 end
return redis.call('LREM', KEYS[1], 1, ARGV[1])
`;

const RECOVER = `
local moved = 0
while redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT') do moved = moved + 1 end
return moved
`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  const replies = await redis.pipeline().rpush(QUEUE, job).exec();
  const [error] = (replies?.[0] ?? [null]) as [Error | null];
  if (error) throw error;
}

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  return redis.blmove(QUEUE, keyOf(worker), 'LEFT', 'RIGHT', timeoutSeconds);
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.eval(ACK, 1, keyOf(worker), job)) === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  return (await redis.eval(RECOVER, 2, keyOf(worker), QUEUE)) as number;
}
