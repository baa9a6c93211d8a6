// fails: hit adds 1 to counter:<name> and returns the new count as a number
// Trims the name and makes runs of spaces one: a name with two spaces counts in another key.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const tidy = name.trim().replace(/\s+/g, ' ');
  return (await redis.eval(SCRIPT, 1, `counter:${tidy}`, cap)) as number;
}
