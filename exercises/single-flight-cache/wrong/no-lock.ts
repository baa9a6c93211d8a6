// fails: a miss takes lock:price:<id> with one SET … NX PX and a random token
import { randomInt } from 'node:crypto';
import type Redis from 'ioredis';

// Plain cache-aside with jitter and a negative entry, but no lock: when the price is missing,
// every caller that misses at that moment goes to the source.
export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const key = `cache:price:${id}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached === '' ? null : cached;
  const price = await redis.hget('db:prices', id);
  if (price === null) await redis.set(key, '', 'EX', 30);
  else await redis.set(key, price, 'EX', 300 + randomInt(0, 61));
  return price;
}
