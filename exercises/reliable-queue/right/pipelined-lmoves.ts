// Right: recover sends LMOVEs in pipelined batches of 4 and counts the non-null replies; each
// LMOVE is atomic. take tries LMOVE before it blocks.
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';
const BATCH = 4;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.call('RPUSH', QUEUE, job);
}

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  const key = `processing:${worker}`;
  return (
    (await redis.lmove(QUEUE, key, 'LEFT', 'RIGHT')) ??
    (await redis.blmove(QUEUE, key, 'LEFT', 'RIGHT', timeoutSeconds))
  );
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return Number(await redis.call('LREM', `processing:${worker}`, 1, job)) > 0;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  const key = `processing:${worker}`;
  let moved = 0;
  for (;;) {
    const batch = redis.pipeline();
    for (let i = 0; i < BATCH; i++) batch.lmove(key, QUEUE, 'RIGHT', 'LEFT');
    const replies = (await batch.exec()) ?? [];
    let emptied = false;
    for (const [error, job] of replies) {
      if (error) throw error;
      if (job === null) emptied = true;
      else moved++;
    }
    if (emptied) return moved;
  }
}
