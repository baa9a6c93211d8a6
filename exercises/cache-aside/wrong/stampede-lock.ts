// fails: two calls that miss at the same time both return the forecast and leave it cached
import type Redis from 'ioredis';

// Guards the slow source with a lock so that only one call loads it, but the call that finds
// the lock taken gives up and answers null instead of the forecast.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const lock = `lock:forecast:${city}`;
  if ((await redis.set(lock, '1', 'EX', 5, 'NX')) === null) return redis.get(key);
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  await redis.del(lock);
  return forecast;
}
