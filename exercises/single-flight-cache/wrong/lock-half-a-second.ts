// fails: a miss takes lock:price:<id> with one SET … NX PX and a random token
// The lock lives 500 ms (PX 500), not 5 s: a slow load outlives it.
import { randomInt, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const key = `cache:price:${id}`;
  const lock = `lock:price:${id}`;
  for (let attempt = 0; attempt < 120; attempt++) {
    const cached = await redis.get(key);
    if (cached !== null) return cached === '' ? null : cached;
    const token = randomUUID();
    if ((await redis.set(lock, token, 'PX', 500, 'NX')) === null) {
      await sleep(50);
      continue;
    }
    try {
      const again = await redis.get(key);
      if (again !== null) return again === '' ? null : again;
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
