// fails: hit reads and changes no key but counter:<name>, and finds it by its name
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;

// Looks the counter up with KEYS before handing it to the script: KEYS walks the whole
// keyspace, blocking every client, to find a key whose name hit already knows.
export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const [found] = await redis.keys(`counter:${name}`);
  return (await redis.eval(SCRIPT, 1, found ?? `counter:${name}`, cap)) as number;
}
