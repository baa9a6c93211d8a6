// EVALSHA, with EVAL on NOSCRIPT; ZCOUNT above the bound counts; the expiry is PEXPIREAT from
// Redis's own TIME plus windowMs.
import { createHash, randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

const SCRIPT = `
local now = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local bound = now - windowMs
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', bound)
local counted = redis.call('ZCOUNT', KEYS[1], '(' .. string.format('%d', bound), '+inf')
if counted >= tonumber(ARGV[3]) then
  return 0
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
local t = redis.call('TIME')
local nowRedisMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('PEXPIREAT', KEYS[1], string.format('%d', nowRedisMs + windowMs))
return 1
`;

const SHA = createHash('sha1').update(SCRIPT).digest('hex');

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const args = [`ratelimit:${user}`, nowMs, windowMs, limit, randomBytes(16).toString('hex')];
  let reply: unknown;
  try {
    reply = await redis.evalsha(SHA, 1, ...args);
  } catch (error) {
    if (!String(error).includes('NOSCRIPT')) throw error;
    reply = await redis.eval(SCRIPT, 1, ...args);
  }
  return reply === 1;
}
