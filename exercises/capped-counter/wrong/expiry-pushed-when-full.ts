// fails: hit keeps the counter's expiry
// The hit that fills a counter pushes its expiry to 30 days (EXPIRE … GT): hit sets no expiry.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local cap = tonumber(ARGV[1])
if count >= cap then return -1 end
local now = redis.call('INCR', KEYS[1])
if now == cap then redis.call('EXPIRE', KEYS[1], 2592000, 'GT') end
return now
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  return (await redis.eval(SCRIPT, 1, `counter:${name}`, cap)) as number;
}
