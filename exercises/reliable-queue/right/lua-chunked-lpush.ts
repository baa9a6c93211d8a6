// recover in one Lua script that LPUSHes the jobs in chunks of 1000, so that unpack() never
// meets a list too long for it.
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
local jobs = redis.call('LRANGE', KEYS[1], 0, -1)
local n = #jobs
if n == 0 then return 0 end
local i = n
while i >= 1 do
  local chunk = {}
  local stop = math.max(1, i - 999)
  for j = i, stop, -1 do chunk[#chunk + 1] = jobs[j] end
  redis.call('LPUSH', KEYS[2], unpack(chunk))
  i = stop - 1
end
redis.call('DEL', KEYS[1])
return n
`;

export async function recover(redis: Redis, worker: string): Promise<number> {
  return (await redis.eval(RECOVER, 2, processingKey(worker), QUEUE)) as number;
}
