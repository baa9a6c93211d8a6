// fails: hit counts up to the cap and no further, reading Redis every time
// Remembers a full counter that has an expiry and answers -1 without Redis until it expires:
// a refund (DECR) is never seen.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

const fullUntil = new Map<string, { at: number; cap: number }>();

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  const known = fullUntil.get(name);
  if (known && Date.now() < known.at && cap <= known.cap) return -1;
  const count = (await redis.eval(SCRIPT, 1, key, cap)) as number;
  if (count === -1 || count === cap) {
    const at = (await redis.pexpiretime(key)) as number;
    if (at > 0) fullUntil.set(name, { at, cap });
  }
  return count;
}
