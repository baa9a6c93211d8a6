// fails: the first hit on a counter that does not exist returns 1 and stores "1"
// Gives a counter without an expiry 30 days when it reaches the cap: hit must set no expiry.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local cap = tonumber(ARGV[1])
if count >= cap then return -1 end
count = redis.call('INCR', KEYS[1])
if count == cap then redis.call('EXPIRE', KEYS[1], 2592000, 'NX') end
return count
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  return (await redis.eval(SCRIPT, 1, `counter:${name}`, cap)) as number;
}
