// fails: ratelimit:<user> expires windowMs after the last allowed request
// A refusal sets PEXPIRE key 1000 as a retry-after: a second later the whole log is gone.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RETRY_AFTER_MS = 1000;

const SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 0
end
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
  const key = `ratelimit:${user}`;
  const reply = await redis.eval(SCRIPT, 1, key, nowMs, windowMs, limit, member, RETRY_AFTER_MS);
  return reply === 1;
}
