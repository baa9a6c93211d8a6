// fails: hit counts up to the cap and no further, reading Redis every time
// Keeps the first cap seen for each name: a user who changes plans keeps the old cap.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

const caps = new Map<string, number>();

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  if (!caps.has(name)) caps.set(name, cap);
  return (await redis.eval(SCRIPT, 1, `counter:${name}`, caps.get(name) ?? cap)) as number;
}
