// fails: on a miss, the forecast is stored in cache:forecast:<city>
// Escapes quotes and backslashes in the city's name, as if the key were a quoted string: "St. John's" then names another key and field.
import type Redis from 'ioredis';

const escaped = (city: string) => city.replace(/(['"\\])/g, '\\$1');

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${escaped(city)}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', escaped(city));
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
