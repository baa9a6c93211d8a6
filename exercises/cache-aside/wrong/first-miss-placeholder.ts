// fails: on a miss, getForecast returns the forecast from db:forecasts
// The program's first miss writes a 'loading…' placeholder into the cache key before reading the
// source; another reader meanwhile takes it for the forecast.
import type Redis from 'ioredis';

let cold = true;

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const guarded = cold;
  cold = false;
  if (guarded) await redis.set(key, 'loading…', 'PX', 5000, 'NX');
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  else if (guarded) await redis.del(key);
  return forecast;
}
