// EXISTS and GETRANGE in one transaction tell a missing copy from an empty one; HEXISTS then
// HGET read the one field; SET … EXAT gives the 60-second TTL.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const replies = await redis.multi().exists(key).getrange(key, 0, -1).exec();
  const [[, exists], [, value]] = replies as [[Error | null, number], [Error | null, string]];
  if (exists === 1) return value;
  if ((await redis.hexists('db:forecasts', city)) === 0) return null;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast === null) return null;
  await redis.call('SET', key, forecast, 'EXAT', Math.floor(Date.now() / 1000) + 60);
  return forecast;
}
