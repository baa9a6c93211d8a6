// fails: hit counts up to the cap and no further, reading Redis every time
import type Redis from 'ioredis';

// Saves a round trip by remembering each counter in the module: but other servers' hits and the
// monthly reset change Redis, not this Map.
const counts = new Map<string, number>();

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  if ((counts.get(name) ?? 0) >= cap) return -1;
  const count = (await redis.eval(SCRIPT, 1, `counter:${name}`, cap)) as number;
  if (count !== -1) counts.set(name, count);
  return count;
}
