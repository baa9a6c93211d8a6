// fails: on a miss, the forecast is stored in cache:forecast:<city>
// Normalises the city's name to NFC, so a name with a decomposed é (e + U+0301) reads and caches
// another field and key than the one named.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const name = city.normalize('NFC');
  const key = `cache:forecast:${name}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', name);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
