// fails: on a miss, the forecast is stored in cache:forecast:<city>
// Turns tabs and line breaks in the city's name into spaces ("to keep keys printable"): another key and field than the one named.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const name = city.replace(/[\t\r\n]/g, ' ');
  const key = `cache:forecast:${name}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', name);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
