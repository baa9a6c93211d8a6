import type Redis from 'ioredis';

// Plain EVAL: the whole script travels with every hit, which is fine for a script this short.
// SET … KEEPTTL writes the new count and keeps the monthly expiry.
const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1])) or 0
local cap = tonumber(ARGV[1])
if count < cap then
  redis.call('SET', KEYS[1], count + 1, 'KEEPTTL')
  return count + 1
end
return -1
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const count = await redis.eval(SCRIPT, 1, `counter:${name}`, String(cap));
  return Number(count);
}
