// Right answer written differently: a Redis Function (FUNCTION LOAD on demand, then FCALL).
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const LIBRARY = `#!lua name=slidingwindow
redis.register_function('sw_allow', function(keys, args)
  local now = tonumber(args[1])
  local windowMs = tonumber(args[2])
  redis.call('ZREMRANGEBYSCORE', keys[1], '-inf', now - windowMs)
  if redis.call('ZCOUNT', keys[1], '-inf', '+inf') >= tonumber(args[3]) then return 0 end
  redis.call('ZADD', keys[1], now, args[4])
  redis.call('PEXPIRE', keys[1], windowMs)
  return 1
end)`;

async function fcall(redis: Redis, ...args: (string | number)[]): Promise<unknown> {
  return redis.call('FCALL', 'sw_allow', 1, ...args);
}

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const args = [`ratelimit:${user}`, nowMs, windowMs, limit, `${nowMs}:${randomUUID()}`];
  let reply: unknown;
  try {
    reply = await fcall(redis, ...args);
  } catch (error) {
    if (!/function not found/i.test(String((error as Error).message))) throw error;
    await redis.call('FUNCTION', 'LOAD', 'REPLACE', LIBRARY);
    reply = await fcall(redis, ...args);
  }
  return reply === 1;
}
