// fails: two calls that miss at the same time both return the forecast and leave it cached
// The loser of SET NX re-reads the winner's copy with `|| null`, so an empty forecast comes back
// as null.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast === null) return null;
  if ((await redis.set(key, forecast, 'EX', 60, 'NX')) === null) {
    // Someone else cached it meanwhile: theirs is the copy everyone now sees.
    return (await redis.get(key)) || null;
  }
  return forecast;
}
