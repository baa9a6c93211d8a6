// fails: recover puts the worker's jobs back at the head of queue:jobs, in the order taken
// recover finds the worker's list with SCAN MATCH processing:<worker>, unescaped: a name with
// * or ? also empties the lists of the workers it matches.
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

export async function recover(redis: Redis, worker: string): Promise<number> {
  const found = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', processingKey(worker), 'COUNT', 1000);
    for (const key of keys) found.add(key);
    cursor = next;
  } while (cursor !== '0');
  let moved = 0;
  for (const key of found) {
    while ((await redis.lmove(key, QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  }
  return moved;
}
