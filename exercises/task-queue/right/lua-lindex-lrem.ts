// Each function is one EVAL: enqueue reads LLEN in the script that pushes, dequeue reads the
// head and removes it with LREM in one script, logEvent pops the surplus with RPOP <count>.
import type Redis from 'ioredis';

const PUSH = "redis.call('RPUSH', KEYS[1], ARGV[1]) return redis.call('LLEN', KEYS[1])";
const TAKE = `
local head = redis.call('LINDEX', KEYS[1], 0)
if head then redis.call('LREM', KEYS[1], 1, head) end
return head
`;
const LOG = `
local n = redis.call('LPUSH', KEYS[1], ARGV[1])
if n > 5 then redis.call('RPOP', KEYS[1], n - 5) end
return n
`;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return (await redis.eval(PUSH, 1, `queue:${queue}`, task)) as number;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const head = (await redis.eval(TAKE, 1, `queue:${queue}`)) as string | null;
  return head ?? null;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.eval(LOG, 1, 'events:recent', event);
}
