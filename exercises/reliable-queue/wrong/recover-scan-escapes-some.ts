// fails: recover puts the worker's jobs back at the head of queue:jobs, in the order taken
// recover finds the worker's list with SCAN MATCH, escaping * and ? but not [ or \: it misses
// the list of a worker named w[12] and empties those of w1 and w2.
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

const escapeGlob = (text: string) => text.replace(/[*?]/g, (c) => `\\${c}`);

export async function recover(redis: Redis, worker: string): Promise<number> {
  // Make sure we recover the list that is really there.
  const found = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `processing:${escapeGlob(worker)}`);
    for (const key of keys) found.add(key);
    cursor = next;
  } while (cursor !== '0');
  let moved = 0;
  for (const key of found) {
    while ((await redis.lmove(key, QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  }
  return moved;
}
