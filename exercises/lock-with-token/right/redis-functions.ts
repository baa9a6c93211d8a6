// release and extend are Redis Functions (FUNCTION LOAD when FCALL finds none), and the
// token is 16 random bytes in hex.
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

const LIBRARY = `#!lua name=tokenlock
redis.register_function('lock_release', function(keys, args)
  if redis.call('GET', keys[1]) == args[1] then return redis.call('DEL', keys[1]) end
  return 0
end)
redis.register_function('lock_extend', function(keys, args)
  if redis.call('GET', keys[1]) == args[1] then return redis.call('PEXPIRE', keys[1], args[2]) end
  return 0
end)`;

async function fcall(redis: Redis, fn: string, key: string, ...args: (string | number)[]) {
  try {
    return await redis.call('FCALL', fn, 1, key, ...args);
  } catch (error) {
    if (!/function not found/i.test(String((error as Error).message))) throw error;
    await redis.call('FUNCTION', 'LOAD', 'REPLACE', LIBRARY);
    return redis.call('FCALL', fn, 1, key, ...args);
  }
}

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomBytes(16).toString('hex');
  return (await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX')) === 'OK' ? token : null;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  return (await fcall(redis, 'lock_release', `lock:${name}`, token)) === 1;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  return (await fcall(redis, 'lock_extend', `lock:${name}`, token, ttlMs)) === 1;
}
