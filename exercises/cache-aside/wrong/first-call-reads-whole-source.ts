// fails: on a miss, getForecast returns the forecast from db:forecasts
// The program's first call reads the whole source with HGETALL ("to check it is up"); later
// calls read one field.
import type Redis from 'ioredis';

let started = false;

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  let forecast: string | null;
  if (!started) {
    started = true;
    const all = await redis.hgetall('db:forecasts');
    console.log(`weather source reachable: ${Object.keys(all).length} cities`);
    forecast = all[city] ?? null;
  } else {
    forecast = await redis.hget('db:forecasts', city);
  }
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
