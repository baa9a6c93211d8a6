// Written differently: a 6 s deadline, random pauses of 20-80 ms, HMGET, EXAT from TIME, and
// the cache write and the release sent in one MULTI.
import { randomInt, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `
local held = redis.call('GET', KEYS[1])
if held and held == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const cacheKey = `cache:price:${id}`;
  const lockKey = `lock:price:${id}`;
  const deadline = Date.now() + 6_000;
  while (Date.now() < deadline) {
    const hit = await redis.get(cacheKey);
    if (hit === '') return null;
    if (hit !== null) return hit;

    const token = randomUUID();
    const won = await redis.set(lockKey, token, 'PX', 5_000, 'NX');
    if (won !== 'OK') {
      await new Promise((resolve) => setTimeout(resolve, randomInt(20, 81)));
      continue;
    }
    let done = false;
    try {
      const again = await redis.get(cacheKey);
      if (again !== null) return again === '' ? null : again;
      const [price] = await redis.hmget('db:prices', id);
      const transaction = redis.multi();
      if (price === null || price === undefined) {
        transaction.set(cacheKey, '', 'EX', 30);
      } else {
        const [seconds] = await redis.time();
        transaction.set(cacheKey, price, 'EXAT', Number(seconds) + 300 + randomInt(0, 61));
      }
      transaction.eval(RELEASE, 1, lockKey, token);
      await transaction.exec();
      done = true;
      return price ?? null;
    } finally {
      if (!done) await redis.eval(RELEASE, 1, lockKey, token);
    }
  }
  throw new Error(`the price of ${id} stayed locked`);
}
