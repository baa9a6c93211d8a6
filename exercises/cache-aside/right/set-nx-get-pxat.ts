import type Redis from 'ioredis';

// MGET and HMGET for the reads; SET … PXAT … NX GET stores the copy unless another call stored
// one meanwhile, and then returns that one.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const [cached = null] = await redis.mget(key);
  if (cached !== null) return cached;
  const [forecast = null] = await redis.hmget('db:forecasts', city);
  if (forecast === null) return null;
  const previous = await redis.call('SET', key, forecast, 'PXAT', Date.now() + 60_000, 'NX', 'GET');
  return typeof previous === 'string' ? previous : forecast;
}
