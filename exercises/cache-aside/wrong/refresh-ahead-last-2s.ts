// fails: a hit does not read db:forecasts, not even from a script
// Refreshes ahead: a hit with under 2 s left reloads the source and sets the TTL again, so a
// popular copy never expires.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) {
    const left = await redis.pttl(key);
    if (left === -1 || left >= 2000) return cached;
  }
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast ?? cached;
}
