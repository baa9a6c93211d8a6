// fails: hits at the same time never take the counter past the cap
import type Redis from 'ioredis';

// Reads, decides in TypeScript, then writes: another hit can INCR between the GET and the INCR,
// so two hits that both saw room for one both count.
export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  const count = Number((await redis.get(key)) ?? 0);
  if (count >= cap) return -1;
  return redis.incr(key);
}
