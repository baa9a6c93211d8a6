// Arguments passed as strings; a refusal sets the expiry again to windowMs, which the statement
// allows.
import { randomInt, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const SCRIPT = `
local key = KEYS[1]
local now, windowMs, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%d', now - windowMs))
local allowed = 0
if redis.call('ZCARD', key) < limit then
  redis.call('ZADD', key, ARGV[1], ARGV[4])
  allowed = 1
end
if redis.call('EXISTS', key) == 1 then redis.call('PEXPIRE', key, ARGV[2]) end
return allowed
`;

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const member = `${nowMs}/${randomInt(1_000_000)}/${randomUUID()}`;
  const reply = await redis.eval(
    SCRIPT,
    '1',
    `ratelimit:${user}`,
    String(nowMs),
    String(windowMs),
    String(limit),
    member,
  );
  return Number(reply) === 1;
}
