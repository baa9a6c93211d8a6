// Right: 24 random bytes in standard base64; one Lua script writes the hash and its PEXPIRE,
// another finds and slides the session; logout with UNLINK.
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

const CREATE = `
redis.call('HSET', KEYS[1], 'userId', ARGV[1], 'createdAt', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

const TOUCH = `
local userId = redis.call('HGET', KEYS[1], 'userId')
if not userId then return false end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return userId`;

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const token = randomBytes(24).toString('base64');
  await redis.eval(CREATE, 1, `session:${token}`, userId, Date.now(), ttlSeconds * 1000);
  return token;
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  const reply = await redis.eval(TOUCH, 1, `session:${token}`, ttlSeconds * 1000);
  return typeof reply === 'string' ? reply : null;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.unlink(`session:${token}`);
}
