// fails: a script or function gets counter:<name> in KEYS and the cap in ARGV
import type Redis from 'ioredis';

// Works on one server, but the script builds its key from an argument and declares none: a
// Cluster client cannot tell where to send it, and the key may live on another server.
const SCRIPT = `
local key = 'counter:' .. ARGV[1]
local count = tonumber(redis.call('GET', key) or '0')
if count >= tonumber(ARGV[2]) then return -1 end
return redis.call('INCR', key)
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  return (await redis.eval(SCRIPT, 0, name, cap)) as number;
}
