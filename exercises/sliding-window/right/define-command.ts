import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

type WithLimiter = Redis & {
  slidingWindow(
    key: string,
    leftWindow: number,
    limit: number,
    nowMs: number,
    member: string,
    windowMs: number,
  ): Promise<number | null>;
};

// A custom command (EVALSHA, with EVAL when Redis does not know the script yet). The bound is
// computed in TypeScript; ZCOUNT with "(" leaves the bound itself out.
const LIMITER = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[1], '+inf') >= tonumber(ARGV[2]) then
  return false
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return true
`;

const defined = new WeakSet<Redis>();

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  // Defined once per client: each defineCommand would start the EVAL/EVALSHA dance afresh.
  if (!defined.has(redis)) {
    redis.defineCommand('slidingWindow', { numberOfKeys: 1, lua: LIMITER });
    defined.add(redis);
  }
  const member = randomBytes(12).toString('base64url');
  const reply = await (redis as WithLimiter).slidingWindow(
    `ratelimit:${user}`,
    nowMs - windowMs,
    limit,
    nowMs,
    member,
    windowMs,
  );
  return reply === 1;
}
