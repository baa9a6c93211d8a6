// fails: prices loaded one after another get TTLs spread across the 300-360 s window
import { randomInt, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A second cache in the program's memory, in front of Redis, which nothing ever expires.
const known = new Map<string, string | null>();

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  if (known.has(id)) return known.get(id) ?? null;
  const key = `cache:price:${id}`;
  const lock = `lock:price:${id}`;
  for (let attempt = 0; attempt < 120; attempt++) {
    const cached = await redis.get(key);
    if (cached !== null) {
      known.set(id, cached === '' ? null : cached);
      return cached === '' ? null : cached;
    }
    const token = randomUUID();
    if ((await redis.set(lock, token, 'PX', 5000, 'NX')) === null) {
      await sleep(50);
      continue;
    }
    try {
      const filled = await redis.get(key);
      if (filled !== null) return filled === '' ? null : filled;
      const price = await redis.hget('db:prices', id);
      if (price === null) await redis.set(key, '', 'EX', 30);
      else await redis.set(key, price, 'EX', 300 + randomInt(0, 61));
      known.set(id, price);
      return price;
    } finally {
      await redis.eval(RELEASE, 1, lock, token);
    }
  }
  throw new Error(`price ${id}: lock still taken`);
}
