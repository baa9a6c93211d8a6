// fails: the first limit requests in a window are allowed, the next one is refused
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// The script decides and adds; the expiry is sent afterwards and not awaited, so allow returns
// before Redis has set it (and a crash in between leaves a set that never expires).
const SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
return 1
`;

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const key = `ratelimit:${user}`;
  const member = `${nowMs}-${randomUUID()}`;
  const allowed = (await redis.eval(SCRIPT, 1, key, nowMs, windowMs, limit, member)) === 1;
  if (allowed) redis.pexpire(key, windowMs);
  return allowed;
}
