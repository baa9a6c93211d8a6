import { randomInt, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

type WithRelease = Redis & { releaseLock(lock: string, token: string): Promise<number> };

const MISSING = '';

/** The answer a cached value stands for; undefined when nothing is cached. */
const fromCache = (value: string | null) =>
  value === null ? undefined : value === MISSING ? null : value;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Recursive rather than a loop, the release as a custom command, the expiries set with SETEX and
// the lock's with EX 5.
async function attempt(redis: WithRelease, id: string, triesLeft: number): Promise<string | null> {
  const key = `cache:price:${id}`;
  const lock = `lock:price:${id}`;
  const hit = fromCache(await redis.get(key));
  if (hit !== undefined) return hit;

  const token = randomUUID();
  if (!(await redis.set(lock, token, 'EX', 5, 'NX'))) {
    if (triesLeft === 0) throw new Error(`the price of ${id} is still being loaded`);
    await pause(randomInt(30, 80));
    return attempt(redis, id, triesLeft - 1);
  }
  try {
    const late = fromCache(await redis.get(key));
    if (late !== undefined) return late;
    const [price = null] = await redis.hmget('db:prices', id);
    if (price === null) await redis.setex(key, 30, MISSING);
    else await redis.setex(key, randomInt(300, 361), price);
    return price;
  } finally {
    await redis.releaseLock(lock, token);
  }
}

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  redis.defineCommand('releaseLock', {
    numberOfKeys: 1,
    lua: `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
  });
  return attempt(redis as WithRelease, id, 200);
}
