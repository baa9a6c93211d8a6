// fails: a hit does not read db:forecasts, not even from a script
import type Redis from 'ioredis';

// Refreshes ahead: a hit with less than 5 s left (or no TTL) reloads the source and sets the TTL
// again, so a popular copy is never left to expire.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const [[, cached], [, ttl]] = (await redis.pipeline().get(key).ttl(key).exec()) as [
    [Error | null, string | null],
    [Error | null, number],
  ];
  if (cached !== null && ttl >= 5) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast ?? cached;
}
