// fails: hit changes no key but counter:<name>, and finds it by its name
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

// Looks the counter up with KEYS to skip the script for a new counter: KEYS walks the whole
// keyspace, blocking every client, to answer what the script already knows.
export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  const found = await redis.keys(key);
  if (found.length === 0) return redis.incr(key);
  return (await redis.eval(SCRIPT, 1, key, cap)) as number;
}
