// Written differently: the cache's expiry with EXAT in whole seconds, the release by EVALSHA
// of a script loaded with SCRIPT LOAD, a UUID token without its dashes, pauses of 25 ms.
import { randomInt, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
let sha: string | undefined;

async function releaseLock(redis: Redis, lockKey: string, token: string): Promise<void> {
  try {
    sha ??= String(await redis.script('LOAD', RELEASE));
    await redis.evalsha(sha, 1, lockKey, token);
  } catch (error) {
    if (!String(error).includes('NOSCRIPT')) throw error;
    await redis.eval(RELEASE, 1, lockKey, token);
  }
}

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const cacheKey = `cache:price:${id}`;
  const lockKey = `lock:price:${id}`;
  for (let tries = 0; tries < 240; tries++) {
    const seen = await redis.get(cacheKey);
    if (seen !== null) return seen === '' ? null : seen;
    const token = randomUUID().replaceAll('-', '');
    const taken = await redis.set(lockKey, token, 'PX', 5000, 'NX');
    if (taken !== 'OK') {
      await new Promise((resolve) => setTimeout(resolve, 25));
      continue;
    }
    try {
      const second = await redis.get(cacheKey);
      if (second !== null) return second === '' ? null : second;
      const price = await redis.hget('db:prices', id);
      const nowSeconds = Math.floor(Date.now() / 1000);
      if (price === null) {
        await redis.set(cacheKey, '', 'EX', 30);
      } else {
        await redis.set(cacheKey, price, 'EXAT', nowSeconds + 300 + randomInt(1, 61));
      }
      return price;
    } finally {
      await releaseLock(redis, lockKey, token);
    }
  }
  throw new Error(`getPrice(${id}): gave up waiting for the lock`);
}
