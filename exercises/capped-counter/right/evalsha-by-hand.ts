import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

// What defineCommand does, written out: send the SHA1 of the script, and the script itself
// only when Redis answers NOSCRIPT (it has not cached it yet, or lost its cache).
const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])
`;
const SHA = createHash('sha1').update(SCRIPT).digest('hex');

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  try {
    return (await redis.evalsha(SHA, 1, key, cap)) as number;
  } catch (error) {
    if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
    return (await redis.eval(SCRIPT, 1, key, cap)) as number;
  }
}
