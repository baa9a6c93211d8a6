// fails: a hit does not read db:forecasts, not even from a script
import type Redis from 'ioredis';

// Distrusts a copy with no TTL: reads the source and overwrites it, though a hit only reads.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null && (await redis.ttl(key)) !== -1) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast ?? cached;
}
