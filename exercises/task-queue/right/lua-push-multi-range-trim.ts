// Right, written differently: enqueue pushes in a Lua script that answers RPUSH's reply,
// dequeue reads the head with LRANGE 0 0 and cuts it off with LTRIM 1 -1 in one MULTI (so no
// other client comes between the read and the cut), and logEvent sends LPUSH and LTRIM in one
// pipeline.
import type Redis from 'ioredis';

const LOG = 'events:recent';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const length = await redis.eval(
    "return redis.call('RPUSH', KEYS[1], ARGV[1])",
    1,
    `queue:${queue}`,
    task,
  );
  return Number(length);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const key = `queue:${queue}`;
  const replies = await redis.multi().lrange(key, 0, 0).ltrim(key, 1, -1).exec();
  const [error, head] = replies?.[0] ?? [new Error('the transaction was aborted'), null];
  if (error) throw error;
  const [task] = head as string[];
  return task ?? null;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  const replies = await redis.pipeline().lpush(LOG, event).ltrim(LOG, 0, 4).exec();
  const failed = replies?.find(([error]) => error);
  if (failed) throw failed[0];
}
