// fails: a hit does not read db:forecasts, not even from a script
import type Redis from 'ioredis';

// Asks KEYS whether the copy exists before reading it: a walk over every key in Redis, on every
// call, to learn what GET answers by itself. Its pattern takes a city's '[', '*' and '?' as
// wildcards, so a copy under such a name is never found, and the slow source is read instead.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const [found] = await redis.keys(key);
  if (found !== undefined) return redis.get(found);
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
