// fails: every call reads Redis afresh: a new cache or source value shows at once
import type Redis from 'ioredis';

// Remembers in memory the cities the source did not know: one added later is never served.
const unknown = new Set<string>();

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  if (unknown.has(city)) return null;
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast === null) {
    unknown.add(city);
    return null;
  }
  await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
