// fails: the window slides: no more than limit requests in any windowMs, across a clock boundary too
// Refuses without asking Redis once this module itself let limit requests through in the window:
// after the set is deleted it keeps refusing.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const SCRIPT = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

const mine = new Map<string, Set<number>>();

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const times = mine.get(user) ?? new Set<number>();
  mine.set(user, times);
  for (const at of times) if (at <= nowMs - windowMs) times.delete(at);
  if (times.size >= limit) return false; // we let `limit` through ourselves: no need to ask
  const member = `${nowMs}-${randomUUID()}`;
  const allowed =
    (await redis.eval(SCRIPT, 1, `ratelimit:${user}`, nowMs, windowMs, limit, member)) === 1;
  if (allowed) times.add(nowMs);
  return allowed;
}
