// fails: on a miss, the forecast is stored in cache:forecast:<city>
import type Redis from 'ioredis';

// Encodes the city in the key: 'Québec City' is cached as cache:forecast:Qu%C3%A9bec%20City, a key
// nobody else looks for.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${encodeURIComponent(city)}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
