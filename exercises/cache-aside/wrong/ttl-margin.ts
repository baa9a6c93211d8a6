// fails: the cached forecast expires after 60 seconds
// Takes 1.5 s off the TTL "for clock drift" (PX 58500): the copy lives less than the 60 seconds
// asked for.
import type Redis from 'ioredis';

const TTL_MS = 60_000 - 1_500;

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'PX', TTL_MS);
  return forecast;
}
