// fails: a miss writes no key but cache:forecast:<city>, and nothing but the forecast there
// Uses the cache key itself as a stampede lock, with a "__loading__" placeholder that other
// readers of the cache take for the forecast (and writes and deletes it for an unknown city).
import type Redis from 'ioredis';

const LOADING = '__loading__';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  for (;;) {
    const cached = await redis.get(key);
    if (cached === null) break;
    if (cached !== LOADING) return cached;
    await sleep(20);
  }
  if ((await redis.set(key, LOADING, 'PX', 5000, 'NX')) === null) {
    return getForecast(redis, city);
  }
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast === null) {
    await redis.del(key);
    return null;
  }
  await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
