// fails: hit reads and changes no key but counter:<name>, and finds it by its name
// Also reads cap:<name> as an override of the cap argument: a key the statement does not allow.
import type Redis from 'ioredis';

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  for (;;) {
    await redis.watch(key);
    const [count, override] = await redis.mget(key, `cap:${name}`);
    const limit = override === null ? cap : Number(override);
    if (Number(count ?? 0) >= limit) {
      await redis.unwatch();
      return -1;
    }
    const replies = await redis.multi().incr(key).exec();
    if (replies !== null) return replies[0]?.[1] as number;
  }
}
