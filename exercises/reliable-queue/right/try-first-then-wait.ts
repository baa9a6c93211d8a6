import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

function keyOf(worker: string): string {
  return `processing:${worker}`;
}

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.call('RPUSH', QUEUE, job);
}

// Tries a plain LMOVE first, and only blocks when the queue is empty.
export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  const now = await redis.lmove(QUEUE, keyOf(worker), 'LEFT', 'RIGHT');
  if (now !== null) return now;
  const later = await redis.call(
    'BLMOVE',
    QUEUE,
    keyOf(worker),
    'LEFT',
    'RIGHT',
    String(timeoutSeconds),
  );
  return later === null ? null : String(later);
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  const [[error, removed] = [null, 0]] =
    (await redis.pipeline().lrem(keyOf(worker), 1, job).exec()) ?? [];
  if (error) throw error;
  return Number(removed) > 0;
}

// RPOPLPUSH is LMOVE ... RIGHT LEFT under its older name: tail of one list, head of the other.
export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  for (;;) {
    const job = await redis.rpoplpush(keyOf(worker), QUEUE);
    if (job === null) return moved;
    moved += 1;
  }
}
