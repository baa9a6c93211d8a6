// fails: hit adds 1 to counter:<name> and returns the new count as a number
import type Redis from 'ioredis';

// Returns what GET answers after the INCR: the right count, but as the string "5", not 5.
const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
redis.call('INCR', KEYS[1])
return redis.call('GET', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  return (await redis.eval(SCRIPT, 1, `counter:${name}`, cap)) as number;
}
