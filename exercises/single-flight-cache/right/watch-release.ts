import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

// Written differently: the token is 16 random bytes in hex, the TTL is in milliseconds (PX) with
// the jitter drawn by Math.random, and the lock is released with WATCH and MULTI instead of Lua.
async function release(redis: Redis, lock: string, token: string): Promise<void> {
  await redis.watch(lock);
  if ((await redis.get(lock)) !== token) {
    await redis.unwatch();
    return;
  }
  // If the lock changes hands after the GET, EXEC answers null and deletes nothing.
  await redis.multi().del(lock).exec();
}

function priceTtlMs(): number {
  return 300_000 + Math.floor(Math.random() * 60_000);
}

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const key = `cache:price:${id}`;
  const lock = `lock:price:${id}`;
  const deadline = Date.now() + 6_000;

  while (Date.now() < deadline) {
    const cached = await redis.get(key);
    if (cached !== null) return cached === '' ? null : cached;

    const token = randomBytes(16).toString('hex');
    if ((await redis.set(lock, token, 'PX', 5_000, 'NX')) !== 'OK') {
      await new Promise((resolve) => setTimeout(resolve, 25));
      continue;
    }
    try {
      const again = await redis.get(key);
      if (again !== null) return again === '' ? null : again;
      const answer = await redis.hget('db:prices', id);
      if (answer === null) await redis.set(key, '', 'PX', 30_000);
      else await redis.set(key, answer, 'PX', priceTtlMs());
      return answer;
    } finally {
      await release(redis, lock, token);
    }
  }
  throw new Error(`gave up waiting for the price of ${id}`);
}
