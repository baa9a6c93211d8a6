// fails: a hit does not read db:forecasts, not even from a script
// Looks the copy up under the NFC-normalised name but stores it under the name as given: a name
// with a decomposed é never hits, and every call reads the slow source.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const cached = await redis.get(`cache:forecast:${city.normalize('NFC')}`);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(`cache:forecast:${city}`, forecast, 'EX', 60);
  return forecast;
}
