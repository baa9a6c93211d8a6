// Right answer written differently: all three are Lua scripts run with EVALSHA (EVAL when Redis
// answers NOSCRIPT), with the name passed as an argument and the key built inside the script;
// acquire looks with EXISTS and takes the lock with SET … PX, one step as a script is; the token
// is randomUUID() without its dashes.
import { createHash, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const ACQUIRE = `
local key = 'lock:' .. ARGV[1]
if redis.call('EXISTS', key) == 1 then return false end
redis.call('SET', key, ARGV[2], 'PX', ARGV[3])
return ARGV[2]
`;

const RELEASE = `
local key = 'lock:' .. ARGV[1]
if redis.call('GET', key) == ARGV[2] then
  redis.call('DEL', key)
  return 1
end
return 0
`;

const EXTEND = `
local key = 'lock:' .. ARGV[1]
if redis.call('GET', key) == ARGV[2] then
  redis.call('PEXPIRE', key, ARGV[3])
  return 1
end
return 0
`;

const sha = (script: string) => createHash('sha1').update(script).digest('hex');

async function run(redis: Redis, script: string, ...args: (string | number)[]): Promise<unknown> {
  try {
    return await redis.evalsha(sha(script), 0, ...args);
  } catch (error) {
    if (!String(error).includes('NOSCRIPT')) throw error;
    return redis.eval(script, 0, ...args);
  }
}

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID().replaceAll('-', '');
  const taken = await run(redis, ACQUIRE, name, token, ttlMs);
  return typeof taken === 'string' ? taken : null;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  return (await run(redis, RELEASE, name, token)) === 1;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  return (await run(redis, EXTEND, name, token, ttlMs)) === 1;
}
