// fails: a miss writes no key but cache:forecast:<city>, and nothing but the forecast there
import type Redis from 'ioredis';

// Keeps a miss counter beside the cache, a key the statement did not ask for.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  await redis.incr('stats:cache-misses');
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
