// fails: allow changes ratelimit:<user> only, and finds it by its name
// A refused call SCANs ratelimit:* and trims other users' sets.
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
  if (!allowed) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'ratelimit:*', 'COUNT', 100);
      cursor = next;
      for (const other of keys) {
        if (other !== key) await redis.zremrangebyscore(other, '-inf', nowMs - windowMs);
      }
    } while (cursor !== '0');
  }
  return allowed;
}
