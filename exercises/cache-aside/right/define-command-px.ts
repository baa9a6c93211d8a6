import type Redis from 'ioredis';

type WithCachedForecast = Redis & {
  cachedForecast(cacheKey: string, source: string, city: string): Promise<string | null>;
};

// A custom command; the TTL in milliseconds with PSETEX.
const SCRIPT = `
local value = redis.call('GET', KEYS[1])
if value then return value end
value = redis.call('HGET', KEYS[2], ARGV[1])
if value then redis.call('PSETEX', KEYS[1], 60000, value) end
return value
`;

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  redis.defineCommand('cachedForecast', { numberOfKeys: 2, lua: SCRIPT });
  const client = redis as WithCachedForecast;
  return client.cachedForecast(`cache:forecast:${city}`, 'db:forecasts', city);
}
