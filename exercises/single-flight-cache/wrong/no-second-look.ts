// fails: two calls that miss at the same time read db:prices once and both return the price
import { randomInt, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

// Waits for the lock properly, but the winner goes straight to the source: a caller that missed
// just before another one filled the cache and let go of the lock loads the price a second time.
export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const key = `cache:price:${id}`;
  const lock = `lock:price:${id}`;
  for (let attempt = 0; attempt < 120; attempt++) {
    const cached = await redis.get(key);
    if (cached !== null) return cached === '' ? null : cached;
    const token = randomUUID();
    if ((await redis.set(lock, token, 'PX', 5000, 'NX')) === null) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    try {
      const price = await redis.hget('db:prices', id);
      if (price === null) await redis.set(key, '', 'EX', 30);
      else await redis.set(key, price, 'EX', 300 + randomInt(0, 61));
      return price;
    } finally {
      await redis.eval(RELEASE, 1, lock, token);
    }
  }
  throw new Error('lock busy');
}
