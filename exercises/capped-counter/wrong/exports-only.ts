// fails: hit adds 1 to counter:<name> and returns the new count as a number
// Takes every counter for an export counter: imports:ada counts in counter:exports:ada.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const user = name.split(':').pop() ?? name;
  return (await redis.eval(SCRIPT, 1, `counter:exports:${user}`, cap)) as number;
}
