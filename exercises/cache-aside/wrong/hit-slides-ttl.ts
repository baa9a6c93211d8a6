// fails: a hit leaves the cached copy and its TTL as they were
import type Redis from 'ioredis';

// GETEX gives the copy another 60 seconds on every hit, as a session would slide: a popular
// city is then never reloaded, and its forecast goes stale for as long as people ask.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.getex(key, 'EX', 60);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
