// fails: a caller that finds the lock taken waits, and takes it once it expires
import { randomInt, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

// A caller that loses the lock reads the cache once more, right away, and returns whatever it
// finds there: usually nothing yet, since the winner is still loading.
export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const key = `cache:price:${id}`;
  const lock = `lock:price:${id}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached === '' ? null : cached;
  const token = randomUUID();
  if ((await redis.set(lock, token, 'PX', 5000, 'NX')) === null) {
    const again = await redis.get(key);
    return again === '' ? null : again;
  }
  try {
    const filled = await redis.get(key);
    if (filled !== null) return filled === '' ? null : filled;
    const price = await redis.hget('db:prices', id);
    if (price === null) await redis.set(key, '', 'EX', 30);
    else await redis.set(key, price, 'EX', 300 + randomInt(0, 61));
    return price;
  } finally {
    await redis.eval(RELEASE, 1, lock, token);
  }
}
