// fails: hit counts up to the cap and no further, reading Redis every time
// Counts against the highest cap seen for each name: a lowered cap is ignored.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

const highest = new Map<string, number>();

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const best = Math.max(cap, highest.get(name) ?? 0);
  highest.set(name, best);
  return (await redis.eval(SCRIPT, 1, `counter:${name}`, best)) as number;
}
