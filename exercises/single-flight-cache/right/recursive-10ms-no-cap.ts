// Written differently: recursion instead of a loop, pauses of 10 ms (the bottom of the range)
// and no limit on the tries (giving up is optional), the lock taken with call() and NX before
// PX, the global crypto.randomUUID(), HMGET for the source, PSETEX with the jitter in
// milliseconds, and a release script that UNLINKs.
import type Redis from 'ioredis';

const RELEASE = `
local held = redis.call('GET', KEYS[1])
if held ~= ARGV[1] then return 0 end
return redis.call('UNLINK', KEYS[1])
`;

async function load(redis: Redis, id: string): Promise<string | null> {
  const cacheKey = `cache:price:${id}`;
  const lockKey = `lock:price:${id}`;
  const cached = await redis.get(cacheKey);
  if (cached !== null) return cached === '' ? null : cached;
  const token = crypto.randomUUID();
  const won = await redis.call('SET', lockKey, token, 'NX', 'PX', 5_000);
  if (won !== 'OK') {
    await new Promise((resolve) => setTimeout(resolve, 10));
    return load(redis, id);
  }
  try {
    const again = await redis.get(cacheKey);
    if (again !== null) return again === '' ? null : again;
    const [price = null] = await redis.hmget('db:prices', id);
    if (price === null) {
      await redis.psetex(cacheKey, 30_000, '');
    } else {
      // 300 s plus 0 to 60 whole seconds, in milliseconds.
      const jitterMs = Math.floor(Math.random() * 61) * 1000;
      await redis.psetex(cacheKey, 300_000 + jitterMs, price);
    }
    return price;
  } finally {
    await redis.eval(RELEASE, 1, lockKey, token);
  }
}

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  return load(redis, id);
}
