// fails: a hit does not read db:forecasts, not even from a script
import type Redis from 'ioredis';

// One round trip for everything: but the script reads the slow source on every call, hit or
// miss, and only then looks at the cache.
const SCRIPT = `
local fresh = redis.call('HGET', 'db:forecasts', ARGV[1])
local cached = redis.call('GET', KEYS[1])
if cached then return cached end
if fresh then redis.call('SET', KEYS[1], fresh, 'EX', 60) end
return fresh
`;

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  return (await redis.eval(SCRIPT, 1, `cache:forecast:${city}`, city)) as string | null;
}
