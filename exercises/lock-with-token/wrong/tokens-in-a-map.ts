// fails: release deletes the lock it holds the token of, and returns true
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Remembers which token this program handed out, and trusts that instead of Redis. Another
// process's lock is never released, and a lock that expired and changed hands still looks ours.
const issued = new Map<string, string>();

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  const ok = await redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX');
  if (ok !== 'OK') return null;
  issued.set(name, token);
  return token;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  if (issued.get(name) !== token) return false;
  issued.delete(name);
  await redis.del(`lock:${name}`);
  return true;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  if (issued.get(name) !== token) return false;
  return (await redis.pexpire(`lock:${name}`, ttlMs)) === 1;
}
