import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

// Named commands, defined once per client: ioredis sends EVALSHA, and the script only when
// Redis does not know it yet.
interface LockCommands {
  releaseLock(key: string, token: string): Promise<number>;
  extendLock(key: string, token: string, ttlMs: number): Promise<number>;
}

function withLockCommands(redis: Redis): Redis & LockCommands {
  if (!('releaseLock' in redis)) {
    redis.defineCommand('releaseLock', {
      numberOfKeys: 1,
      lua: `
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        return redis.call('DEL', KEYS[1])`,
    });
    redis.defineCommand('extendLock', {
      numberOfKeys: 1,
      lua: `
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        return redis.call('PEXPIRE', KEYS[1], ARGV[2])`,
    });
  }
  return redis as Redis & LockCommands;
}

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomBytes(16).toString('base64url');
  const taken = await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX');
  return taken === null ? null : token;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  return (await withLockCommands(redis).releaseLock(`lock:${name}`, token)) === 1;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  return (await withLockCommands(redis).extendLock(`lock:${name}`, token, ttlMs)) === 1;
}
