// fails: the first hit on a counter that does not exist returns 1 and stores "1"
import type Redis from 'ioredis';

// Starts a 30-day window on the first hit, like a rate limiter: but the app's monthly reset
// owns the expiry, and hit must set none.
const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], 2592000) end
return count
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  return (await redis.eval(SCRIPT, 1, `counter:${name}`, cap)) as number;
}
