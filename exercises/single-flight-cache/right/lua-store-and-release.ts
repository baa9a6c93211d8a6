// Written differently: 16 random bytes in base64url, EX 5, the TTL in ms, and one Lua script
// that stores the answer and releases the lock.
import { randomBytes, randomInt } from 'node:crypto';
import type Redis from 'ioredis';

const STORE_AND_RELEASE = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[3] then
  redis.call('DEL', KEYS[2])
end
return 1
`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const answer = (value: string) => (value === '' ? null : value);

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const cacheKey = `cache:price:${id}`;
  const lockKey = `lock:price:${id}`;
  for (let tries = 0; tries < 150; tries++) {
    const hit = await redis.get(cacheKey);
    if (hit !== null) return answer(hit);

    const token = randomBytes(16).toString('base64url');
    if ((await redis.set(lockKey, token, 'EX', 5, 'NX')) !== 'OK') {
      await wait(40);
      continue;
    }
    let released = false;
    try {
      const again = await redis.get(cacheKey);
      if (again !== null) return answer(again);
      const price = await redis.hget('db:prices', id);
      const value = price ?? '';
      const ttlMs = price === null ? 30_000 : 300_000 + randomInt(0, 60_001);
      await redis.eval(STORE_AND_RELEASE, 2, cacheKey, lockKey, value, ttlMs, token);
      released = true;
      return price;
    } finally {
      if (!released) await redis.eval(RELEASE, 1, lockKey, token);
    }
  }
  throw new Error(`getPrice(${id}): lock still taken after 6 s`);
}
