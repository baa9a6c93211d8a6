// Right answer written differently: every command through redis.call() (ioredis's generic API);
// the token is 16 bytes of randomBytes in base64url; release UNLINKs, and extend sets the value
// again with SET … XX PX inside the script instead of PEXPIRE.
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('UNLINK', KEYS[1])
`;

const EXTEND = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'XX', 'PX', ARGV[2])
return 1
`;

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomBytes(16).toString('base64url');
  const reply = await redis.call('SET', `lock:${name}`, token, 'NX', 'PX', String(ttlMs));
  return reply === null ? null : token;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  return (await redis.call('EVAL', RELEASE, '1', `lock:${name}`, token)) === 1;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  return (await redis.call('EVAL', EXTEND, '1', `lock:${name}`, token, String(ttlMs))) === 1;
}
