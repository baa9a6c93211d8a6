// fails: every call reads Redis afresh: a new cache or source value shows at once
import type Redis from 'ioredis';

// A second, faster cache in the program's memory, which nothing ever expires or clears.
const remembered = new Map<string, string>();

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const known = remembered.get(city);
  if (known !== undefined) return known;
  const key = `cache:forecast:${city}`;
  let forecast = await redis.get(key);
  if (forecast === null) {
    forecast = await redis.hget('db:forecasts', city);
    if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  }
  if (forecast !== null) remembered.set(city, forecast);
  return forecast;
}
