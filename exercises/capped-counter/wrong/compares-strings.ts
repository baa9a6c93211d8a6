// fails: hit adds 1 to counter:<name> and returns the new count as a number
import type Redis from 'ioredis';

// Forgets that GET and ARGV give strings: "7" >= "35" is true for Lua, which compares text
// character by character, so a one-digit count already looks past a two-digit cap.
const SCRIPT = `
local count = redis.call('GET', KEYS[1]) or '0'
if count >= ARGV[1] then return -1 end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  return (await redis.eval(SCRIPT, 1, `counter:${name}`, cap)) as number;
}
