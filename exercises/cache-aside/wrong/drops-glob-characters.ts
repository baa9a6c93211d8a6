// fails: on a miss, the forecast is stored in cache:forecast:<city>
// Drops * ? [ ] from the city's name, as if a key could not hold them: 'St. John's [NL]' reads
// and caches another field and key than the one named.
import type Redis from 'ioredis';

const clean = (city: string) => city.replace(/[*?[\]]/g, '');

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const name = clean(city);
  const key = `cache:forecast:${name}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', name);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
