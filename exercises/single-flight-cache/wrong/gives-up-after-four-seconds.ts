// fails: a caller that finds the lock taken waits, and takes it once it expires
// Pauses 100 ms and gives up after 40 tries: 4 s of waiting, short of the lock's 5 s lifetime.
import { randomInt, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const SOURCE = 'db:prices';
const PRICE_SECONDS = 300; // a loaded price lives 300 s…
const JITTER_LIMIT = 61; // …plus randomInt(0, 61) s more, 0 to 60 (the limit is excluded)
const MISSING_SECONDS = 30; // "no such id" is remembered for 30 s only
const LOCK_MS = 5_000; // a lock whose holder crashed frees itself after 5 s
const RETRY_MS = 100;
const TRIES = 40;

// Deletes the lock only if it still holds our token, in one step: between a GET and a DEL sent
// apart, our lock could expire and another caller's take its place.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The cached answer: the price, null for a remembered "not found", undefined for a miss. */
async function cached(redis: Redis, key: string): Promise<string | null | undefined> {
  const value = await redis.get(key);
  if (value === null) return undefined;
  return value === '' ? null : value;
}

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const cacheKey = `cache:price:${id}`;
  const lockKey = `lock:price:${id}`;

  for (let attempt = 0; attempt < TRIES; attempt++) {
    const hit = await cached(redis, cacheKey);
    if (hit !== undefined) return hit;

    const token = randomUUID();
    const won = await redis.set(lockKey, token, 'PX', LOCK_MS, 'NX');
    if (won === null) {
      // Someone else is loading this price: give them a moment, then look again.
      await sleep(RETRY_MS);
      continue;
    }

    try {
      // Between our miss and our lock, another caller may have loaded the price and let go.
      const filled = await cached(redis, cacheKey);
      if (filled !== undefined) return filled;

      const price = await redis.hget(SOURCE, id);
      if (price === null) {
        await redis.set(cacheKey, '', 'EX', MISSING_SECONDS);
      } else {
        // Drawn anew for every write, so that prices loaded together expire apart.
        const ttl = PRICE_SECONDS + randomInt(0, JITTER_LIMIT);
        await redis.set(cacheKey, price, 'EX', ttl);
      }
      return price;
    } finally {
      await redis.eval(RELEASE, 1, lockKey, token);
    }
  }
  throw new Error(`price ${id}: the lock stayed taken for longer than a lock can live`);
}
