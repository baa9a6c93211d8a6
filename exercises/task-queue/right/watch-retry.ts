// dequeue and logEvent WATCH the list, read, then MULTI/EXEC; a null EXEC (another client
// changed the list) means try again. enqueue is one RPUSH in MULTI.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const key = `queue:${queue}`;
  const replies = await redis.multi().rpush(key, task).exec();
  return replies?.[0]?.[1] as number;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const key = `queue:${queue}`;
  for (;;) {
    await redis.watch(key);
    const head = await redis.lindex(key, 0);
    if (head === null) {
      await redis.unwatch();
      return null;
    }
    const done = await redis.multi().lpop(key).exec();
    if (done !== null) return done[0]?.[1] as string;
  }
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  const key = 'events:recent';
  for (;;) {
    await redis.watch(key);
    const length = await redis.llen(key);
    const tx = redis.multi().lpush(key, event);
    if (length + 1 > 5) tx.ltrim(key, 0, 4);
    if ((await tx.exec()) !== null) return;
  }
}
