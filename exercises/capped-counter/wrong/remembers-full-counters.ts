// fails: hit counts up to the cap and no further, reading Redis every time
// Remembers which counters were full and answers -1 while the key exists: a refund (DECR) or a
// raised cap is never seen.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

const full = new Set<string>();

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  if (full.has(name)) {
    if ((await redis.exists(key)) === 1) return -1;
    full.delete(name);
  }
  const count = (await redis.eval(SCRIPT, 1, key, cap)) as number;
  if (count === -1 || count === cap) full.add(name);
  return count;
}
