// fails: acquire returns null and leaves a held lock alone, then takes it once it is gone
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// SET … NX is right, but its answer is never read: a worker that did not get the lock is told
// it did, and runs the job beside the holder.
export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX');
  return token;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  const script = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;
  return (await redis.eval(script, 1, `lock:${name}`, token)) === 1;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  const script = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end return 0`;
  return (await redis.eval(script, 1, `lock:${name}`, token, ttlMs)) === 1;
}
