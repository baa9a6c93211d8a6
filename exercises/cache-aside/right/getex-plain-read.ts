// GETEX with no option reads as GET does; the miss stores with SET … NX GET EX 60 and returns
// the copy another call stored first, if any.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = (await redis.call('GETEX', key)) as string | null;
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast === null) return null;
  const earlier = (await redis.call('SET', key, forecast, 'NX', 'GET', 'EX', '60')) as
    | string
    | null;
  return earlier ?? forecast;
}
