// fails: hit adds 1 to counter:<name> and returns the new count as a number
// Escapes * ? [ ] and \ in the name as if the key were a pattern: exports:a*b counts in another key.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const safe = name.replace(/[*?[\]\\]/g, '\\$&');
  return (await redis.eval(SCRIPT, 1, `counter:${safe}`, cap)) as number;
}
