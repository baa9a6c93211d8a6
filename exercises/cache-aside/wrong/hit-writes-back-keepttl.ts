// fails: a hit leaves the cached copy and its TTL as they were
// Writes the copy back with SET … KEEPTTL on every hit: the same value and expiry, but a hit
// must only read (and a hit racing a reload puts the old forecast back).
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) {
    await redis.set(key, cached, 'KEEPTTL');
    return cached;
  }
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
