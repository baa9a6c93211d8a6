// fails: every call reads Redis afresh: a new cache or source value shows at once
import type Redis from 'ioredis';

// Keeps the forecast in memory and asks Redis only for the copy's PEXPIRETIME: a copy rewritten
// with the same expiry (SET … KEEPTTL) is never seen.
const copies = new Map<string, { forecast: string; expiresAt: number }>();

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const copy = copies.get(city);
  if (copy !== undefined && (await redis.pexpiretime(key)) === copy.expiresAt) {
    return copy.forecast;
  }
  const cached = await redis.get(key);
  if (cached !== null) {
    copies.set(city, { forecast: cached, expiresAt: await redis.pexpiretime(key) });
    return cached;
  }
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast === null) return null;
  await redis.set(key, forecast, 'EX', 60);
  copies.set(city, { forecast, expiresAt: await redis.pexpiretime(key) });
  return forecast;
}
