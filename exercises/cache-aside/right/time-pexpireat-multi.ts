// On a miss, SET then PEXPIREAT (Redis's TIME + 60 s) in one MULTI.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast === null) return null;
  const [seconds = '0', micros = '0'] = (await redis.time()).map(String);
  const at = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) + 60_000;
  const replies = await redis.multi().set(key, forecast).pexpireat(key, at).exec();
  for (const [error] of replies ?? []) if (error) throw error;
  return forecast;
}
