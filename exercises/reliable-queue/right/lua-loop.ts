import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

interface WithRecover extends Redis {
  recoverJobs(processing: string, queue: string): Promise<number>;
}

// A custom command: RPOPLPUSH in a loop inside Redis; Lua sees a nil reply as false.
function withRecover(redis: Redis): WithRecover {
  if (!('recoverJobs' in redis)) {
    redis.defineCommand('recoverJobs', {
      numberOfKeys: 2,
      lua: `
        local moved = 0
        while redis.call('RPOPLPUSH', KEYS[1], KEYS[2]) do moved = moved + 1 end
        return moved`,
    });
  }
  return redis as WithRecover;
}

export async function enqueue(redis: Redis, job: string): Promise<void> {
  const pushed = await redis.multi().rpush(QUEUE, job).exec();
  if (pushed === null) throw new Error('enqueue: transaction aborted');
}

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  const processing = `processing:${worker}`;
  return redis.blmove(QUEUE, processing, 'LEFT', 'RIGHT', timeoutSeconds);
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  const removed = await redis.call('LREM', `processing:${worker}`, '1', job);
  return removed === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  return withRecover(redis).recoverJobs(`processing:${worker}`, QUEUE);
}
