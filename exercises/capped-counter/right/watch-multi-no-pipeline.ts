// Written differently: WATCH and GET, then multi({ pipeline: false }), which sends MULTI at once
// and queues the client's next commands in the transaction: INCRBY answers QUEUED, and the
// client's own exec() answers the transaction's replies (null when a WATCH fired: go round).
import type Redis from 'ioredis';

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  while (true) {
    await redis.watch(key);
    const held = await redis.get(key);
    const count = held === null ? 0 : Number.parseInt(held, 10);
    if (count >= cap) {
      await redis.unwatch();
      return -1;
    }
    await redis.multi({ pipeline: false });
    await redis.incrby(key, 1);
    const replies = await redis.exec();
    if (replies === null) continue;
    const [error, value] = replies[0] ?? [null, null];
    if (error) throw error;
    return Number(value);
  }
}
