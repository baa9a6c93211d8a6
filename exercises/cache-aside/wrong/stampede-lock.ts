// fails: a miss writes no key but cache:forecast:<city>, and nothing but the forecast there
import type Redis from 'ioredis';

// Guards the slow source with a lock key, which the statement forbids even though it is deleted
// before returning; and the call that finds the lock taken gives up with null.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const lock = `lock:forecast:${city}`;
  if ((await redis.set(lock, '1', 'EX', 5, 'NX')) === null) return redis.get(key);
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  await redis.del(lock);
  return forecast;
}
