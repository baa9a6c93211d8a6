import type Redis from 'ioredis';

// The whole cache-aside in one script, which Redis runs without any other command in between.
// The source is named as a key, as a script's keys should be; it is read only on a miss.
const CACHE_ASIDE = `
local cached = redis.call('GET', KEYS[1])
if cached then return cached end
local forecast = redis.call('HGET', KEYS[2], ARGV[1])
if not forecast then return false end
redis.call('SET', KEYS[1], forecast, 'EX', ARGV[2])
return forecast
`;

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const found = await redis.eval(
    CACHE_ASIDE,
    2,
    `cache:forecast:${city}`,
    'db:forecasts',
    city,
    60,
  );
  return typeof found === 'string' ? found : null;
}
