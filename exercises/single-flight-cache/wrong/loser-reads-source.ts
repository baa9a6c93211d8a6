// fails: a caller that finds the lock taken waits, and takes it once it expires
import { randomInt, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

// Takes the lock, but a caller that loses it does not wait: it goes to the source all the same,
// and only skips writing the cache.
export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const key = `cache:price:${id}`;
  const lock = `lock:price:${id}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached === '' ? null : cached;
  const token = randomUUID();
  const won = await redis.set(lock, token, 'PX', 5000, 'NX');
  if (won === null) return redis.hget('db:prices', id);
  try {
    const price = await redis.hget('db:prices', id);
    if (price === null) await redis.set(key, '', 'EX', 30);
    else await redis.set(key, price, 'EX', 300 + randomInt(0, 61));
    return price;
  } finally {
    await redis.eval(RELEASE, 1, lock, token);
  }
}
