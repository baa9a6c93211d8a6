// fails: a hit leaves the cached copy and its TTL as they were
// A hit puts the TTL back to 60 s unless the copy has less than 5 s left: a copy read often
// then never expires.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) {
    const ttl = await redis.ttl(key);
    if (ttl >= 5) await redis.expire(key, 60);
    return cached;
  }
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
