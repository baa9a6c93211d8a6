// Written differently: the script sent with the low-level call('EVAL', …), a missing key told
// apart with EXISTS inside the script, and INCRBY 1; the reply turned into a number in TypeScript.
import type Redis from 'ioredis';

const SCRIPT = `
local cap = tonumber(ARGV[1])
local count = 0
if redis.call('EXISTS', KEYS[1]) == 1 then
  count = tonumber(redis.call('GET', KEYS[1]))
end
if count < cap then
  return redis.call('INCRBY', KEYS[1], 1)
end
return -1
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const reply = await redis.call('EVAL', SCRIPT, 1, `counter:${name}`, String(cap));
  return Number(reply);
}
