// fails: every call reads Redis afresh: a new cache or source value shows at once
import type Redis from 'ioredis';

// When the source has no forecast, answers the last one it remembers instead of null.
const lastKnown = new Map<string, string>();

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) {
    lastKnown.set(city, cached);
    return cached;
  }
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast === null) return lastKnown.get(city) ?? null;
  await redis.set(key, forecast, 'EX', 60);
  lastKnown.set(city, forecast);
  return forecast;
}
