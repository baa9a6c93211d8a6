// fails: a caller that finds the lock taken waits, and takes it once it expires
// After 600 ms of waiting, reads db:prices without the lock, while another caller holds it.
import { randomInt, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function load(redis: Redis, key: string, id: string): Promise<string | null> {
  const price = await redis.hget('db:prices', id);
  if (price === null) await redis.set(key, '', 'EX', 30);
  else await redis.set(key, price, 'EX', 300 + randomInt(0, 61));
  return price;
}

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const key = `cache:price:${id}`;
  const lock = `lock:price:${id}`;
  for (let attempt = 0; attempt < 12; attempt++) {
    const cached = await redis.get(key);
    if (cached !== null) return cached === '' ? null : cached;
    const token = randomUUID();
    if ((await redis.set(lock, token, 'PX', 5000, 'NX')) === null) {
      await sleep(50);
      continue;
    }
    try {
      const again = await redis.get(key);
      if (again !== null) return again === '' ? null : again;
      return await load(redis, key, id);
    } finally {
      await redis.eval(RELEASE, 1, lock, token);
    }
  }
  // Waited long enough: the holder is probably stuck, serve the customer anyway.
  return load(redis, key, id);
}
