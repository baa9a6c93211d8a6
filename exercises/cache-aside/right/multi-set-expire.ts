import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  if ((await redis.exists(key)) === 1) return redis.get(key);

  const [forecast = null] = await redis.hmget('db:forecasts', city);
  if (forecast === null) return null;
  // SET and its expiry in one transaction: the copy never exists without its TTL.
  await redis
    .multi()
    .set(key, forecast)
    .pexpireat(key, Date.now() + 60_000)
    .exec();
  return forecast;
}
