// WATCH the copy, GET it; on a miss read the one field and store it in MULTI/EXEC with SETEX;
// if another call stored it meanwhile (EXEC answers null), return that copy.
import type Redis from 'ioredis';

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
  const done = await redis.multi().setex(key, 60, forecast).exec();
  if (done === null) return (await redis.get(key)) ?? forecast;
  return forecast;
}
