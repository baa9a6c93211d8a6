// fails: two calls that miss at the same time both return the forecast and leave it cached
import type Redis from 'ioredis';

// WATCHes the copy while it fills it, but when another call filled it first and EXEC is aborted,
// it answers null instead of the forecast.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  await redis.watch(key);
  const cached = await redis.get(key);
  if (cached !== null) {
    await redis.unwatch();
    return cached;
  }
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast === null) {
    await redis.unwatch();
    return null;
  }
  const done = await redis.multi().set(key, forecast, 'EX', 60).exec();
  return done === null ? null : forecast;
}
