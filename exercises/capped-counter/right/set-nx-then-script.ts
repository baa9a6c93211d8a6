// Creates a new counter with SET … NX, which writes only when the key is missing; an existing
// counter goes through the capped script. A SET NX that finds the key writes nothing.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  if ((await redis.set(key, 1, 'NX')) === 'OK') return 1;
  return (await redis.eval(SCRIPT, 1, key, cap)) as number;
}
