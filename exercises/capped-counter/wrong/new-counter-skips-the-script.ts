// fails: hits at the same time never take the counter past the cap
// Skips the script for a counter that does not exist yet (EXISTS, then a bare INCR): two first
// hits with a cap of 1 both count.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  // A new counter is at 0, below any cap (cap >= 1): count it straight away.
  if ((await redis.exists(key)) === 0) return redis.incr(key);
  return (await redis.eval(SCRIPT, 1, key, cap)) as number;
}
