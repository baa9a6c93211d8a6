// fails: every call removes the entries that have left the window, allowed or refused
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Counts only the entries inside the window with ZCOUNT, which is right, but never removes the
// old ones: a user who keeps coming keeps the key alive, and the set grows without end.
const SCRIPT = `
local counted = redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[2], '+inf')
if counted >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
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
  const reply = await redis.eval(SCRIPT, 1, key, nowMs, nowMs - windowMs, limit, member, windowMs);
  return reply === 1;
}
