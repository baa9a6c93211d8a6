// fails: a hit leaves the cached copy and its TTL as they were
// A hit on a copy with more than 60 s left (another program's) sets EXPIRE 60: a hit only reads,
// whatever TTL the copy has.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) {
    if ((await redis.pttl(key)) > 60_000) await redis.expire(key, 60);
    return cached;
  }
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
