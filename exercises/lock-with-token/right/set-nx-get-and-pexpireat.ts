// acquire with SET … NX GET PX; release and extend as EVALSHA after SCRIPT LOAD, extend
// setting PEXPIREAT from Redis's own TIME plus ttlMs.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('UNLINK', KEYS[1])`;
const EXTEND = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
return redis.call('PEXPIREAT', KEYS[1], ms + tonumber(ARGV[2]))`;

async function run(redis: Redis, script: string, key: string, ...args: (string | number)[]) {
  const sha = (await redis.script('LOAD', script)) as string;
  try {
    return await redis.evalsha(sha, 1, key, ...args);
  } catch (error) {
    if (!String(error).includes('NOSCRIPT')) throw error;
    return redis.eval(script, 1, key, ...args);
  }
}

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  const before = await redis.call('SET', `lock:${name}`, token, 'NX', 'GET', 'PX', ttlMs);
  return before === null ? token : null;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  return (await run(redis, RELEASE, `lock:${name}`, token)) === 1;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  return (await run(redis, EXTEND, `lock:${name}`, token, ttlMs)) === 1;
}
