// fails: a script or function gets counter:<name> in KEYS and the cap in ARGV
import type Redis from 'ioredis';

// Passes the cap as a second key: Redis lets the script read it from KEYS[2], but a Cluster
// client takes every entry of KEYS for a key name, and "7" hashes to a slot of its own.
const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(KEYS[2]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  return (await redis.eval(SCRIPT, 2, `counter:${name}`, cap)) as number;
}
