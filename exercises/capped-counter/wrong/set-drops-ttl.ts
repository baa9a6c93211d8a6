// fails: hit keeps the counter's expiry
import type Redis from 'ioredis';

// Computes the new count in Lua and writes it with SET, which throws away the key's TTL: the
// monthly reset never comes.
const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
redis.call('SET', KEYS[1], count + 1)
return count + 1
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  return (await redis.eval(SCRIPT, 1, `counter:${name}`, cap)) as number;
}
