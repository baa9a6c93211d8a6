// fails: hit adds 1 to counter:<name> and returns the new count as a number
import type Redis from 'ioredis';

// Keeps every counter as a field of one hash, counters, instead of the string counter:<name>.
const SCRIPT = `
local count = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if count >= tonumber(ARGV[2]) then return -1 end
return redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  return (await redis.eval(SCRIPT, 1, 'counters', name, cap)) as number;
}
