// fails: every call reads Redis afresh: a new cache or source value shows at once
// Remembers in memory the cities whose forecast was empty and answers '' for them ever after,
// even once db:forecasts has a forecast for them.
import type Redis from 'ioredis';

const blank = new Set<string>();

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  if (blank.has(city)) return '';
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast === null) return null;
  await redis.set(key, forecast, 'EX', 60);
  if (forecast === '') blank.add(city);
  return forecast;
}
