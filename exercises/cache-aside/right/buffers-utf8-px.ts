// Reads both keys as Buffers and decodes them as UTF-8; stores the Buffer from the source as it is, with SET … PX 60000.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.getBuffer(key);
  if (cached !== null) return cached.toString('utf8');
  const [forecast = null] = await redis.hmgetBuffer('db:forecasts', city);
  if (forecast === null) return null;
  await redis.set(key, forecast, 'PX', 60_000);
  return forecast.toString('utf8');
}
