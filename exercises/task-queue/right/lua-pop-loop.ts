// Each function is one EVAL; logEvent's script pops the oldest events while the log holds more
// than five, a loop that runs in Redis as one step.
import type Redis from 'ioredis';

const PUSH = "return redis.call('RPUSH', KEYS[1], ARGV[1])";
const POP = "return redis.call('LPOP', KEYS[1])";
const LOG = `
redis.call('LPUSH', KEYS[1], ARGV[1])
while redis.call('LLEN', KEYS[1]) > tonumber(ARGV[2]) do
  redis.call('RPOP', KEYS[1])
end
return redis.call('LLEN', KEYS[1])
`;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return (await redis.eval(PUSH, 1, `queue:${queue}`, task)) as number;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  // LPOP on an empty list answers nil, which a script returns as false and ioredis gives as null.
  return (await redis.eval(POP, 1, `queue:${queue}`)) as string | null;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.eval(LOG, 1, 'events:recent', event, 5);
}
