// fails: on a miss, the forecast is stored in cache:forecast:<city>
// Drops '{' and '}' from the city's name, thinking Redis Cluster treats them as a hash tag: the name names its key character for character.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const name = city.replace(/[{}]/g, '');
  const key = `cache:forecast:${name}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', name);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
