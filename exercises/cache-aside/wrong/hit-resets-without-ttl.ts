// fails: a hit leaves the cached copy and its TTL as they were
import type Redis from 'ioredis';

// "Touches" the copy on a hit by writing it back: a plain SET drops the TTL, so a city that is
// asked for often keeps its first forecast forever.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) {
    await redis.set(key, cached);
    return cached;
  }
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
