// Written differently: pauses of 100 ms (the top of the range), counted until 5 s of pauses
// have passed, then an error; a 32-byte base64 token; SETEX for the cache; the release sent
// with the low-level call('EVAL', …).
import { randomBytes, randomInt } from 'node:crypto';
import type Redis from 'ioredis';

const PAUSE_MS = 100;
const GIVE_UP_AFTER_MS = 5_000;

const release =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

function answer(value: string | null): string | null | undefined {
  if (value === null) return undefined;
  return value === '' ? null : value;
}

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const cacheKey = `cache:price:${id}`;
  const lockKey = `lock:price:${id}`;
  let waited = 0;
  while (true) {
    const hit = answer(await redis.get(cacheKey));
    if (hit !== undefined) return hit;
    const token = randomBytes(32).toString('base64');
    if ((await redis.set(lockKey, token, 'EX', 5, 'NX')) === 'OK') {
      try {
        const filled = answer(await redis.get(cacheKey));
        if (filled !== undefined) return filled;
        const price = await redis.hget('db:prices', id);
        if (price === null) await redis.setex(cacheKey, 30, '');
        else await redis.setex(cacheKey, 300 + randomInt(61), price);
        return price;
      } finally {
        await redis.call('EVAL', release, 1, lockKey, token);
      }
    }
    if (waited >= GIVE_UP_AFTER_MS) throw new Error(`${lockKey} stayed taken for ${waited} ms`);
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    waited += PAUSE_MS;
  }
}
