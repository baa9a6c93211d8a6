import type Redis from 'ioredis';

// A Redis function (Redis 7), loaded with FUNCTION LOAD REPLACE and run with FCALL; it reads the
// source, one of its keys, only on a miss.
const LIBRARY = `#!lua name=forecastcache
redis.register_function('cached_forecast', function(keys, args)
  local cached = redis.call('GET', keys[1])
  if cached then return cached end
  local forecast = redis.call('HGET', keys[2], args[1])
  if not forecast then return nil end
  redis.call('SET', keys[1], forecast, 'EX', 60)
  return forecast
end)
`;

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  await redis.call('FUNCTION', 'LOAD', 'REPLACE', LIBRARY);
  const found = await redis.call(
    'FCALL',
    'cached_forecast',
    2,
    `cache:forecast:${city}`,
    'db:forecasts',
    city,
  );
  return typeof found === 'string' ? found : null;
}
