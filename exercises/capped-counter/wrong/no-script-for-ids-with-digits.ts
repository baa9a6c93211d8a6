// fails: hits at the same time never take the counter past the cap
// Names with a digit take a plain GET, compare, INCR: two hits at once both see room for one.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  if (/\d/.test(name)) {
    const count = Number((await redis.get(key)) ?? 0);
    if (count >= cap) return -1;
    return redis.incr(key);
  }
  return (await redis.eval(SCRIPT, 1, key, cap)) as number;
}
