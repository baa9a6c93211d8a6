// fails: error
import type Redis from 'ioredis';

// GET of a missing key reaches Lua as false, and tonumber(false) is nil: comparing nil with the
// cap stops the script with "attempt to compare", so the first hit on a new counter throws.
const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]))
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  return (await redis.eval(SCRIPT, 1, `counter:${name}`, cap)) as number;
}
