// fails: on a miss, the forecast is stored in cache:forecast:<city>
import type Redis from 'ioredis';

// Caches the forecast as a field of a hash rather than as a string.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.hget(key, 'forecast');
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) {
    await redis.hset(key, 'forecast', forecast);
    await redis.expire(key, 60);
  }
  return forecast;
}
