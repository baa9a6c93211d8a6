// fails: hit reads and changes no key but counter:<name>, and finds it by its name
// Adds each new counter to a set, counters:index: a key the statement does not allow.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const count = (await redis.eval(SCRIPT, 1, `counter:${name}`, cap)) as number;
  if (count === 1) await redis.sadd('counters:index', name);
  return count;
}
