// fails: allow changes ratelimit:<user> only, and finds it by its name
// When the user's set does not exist yet, KEYS ratelimit:* finds every user's set and trims it.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const SCRIPT = `
local bound = tonumber(ARGV[1]) - tonumber(ARGV[2])
if redis.call('EXISTS', KEYS[1]) == 0 then
  for _, other in ipairs(redis.call('KEYS', 'ratelimit:*')) do
    redis.call('ZREMRANGEBYSCORE', other, '-inf', bound)
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', bound)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const member = `${nowMs}-${randomUUID()}`;
  return (await redis.eval(SCRIPT, 1, `ratelimit:${user}`, nowMs, windowMs, limit, member)) === 1;
}
