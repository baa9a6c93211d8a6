import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

// Optimistic, as in the lesson on transactions: WATCH the lock, read it, and act in MULTI/EXEC.
// If the lock changes hands after the GET, EXEC runs nothing, and the lock is not ours anyway.

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomBytes(20).toString('hex');
  const reply = await redis.call('SET', `lock:${name}`, token, 'NX', 'PX', ttlMs);
  return reply === 'OK' ? token : null;
}

/** Runs `act` on the lock in a transaction, only while it holds `token`. */
async function whileHeld(
  redis: Redis,
  key: string,
  token: string,
  act: (tx: ReturnType<Redis['multi']>) => void,
): Promise<boolean> {
  await redis.watch(key);
  if ((await redis.get(key)) !== token) {
    await redis.unwatch();
    return false;
  }
  const tx = redis.multi();
  act(tx);
  const replies = await tx.exec();
  return replies !== null && replies[0]?.[1] === 1;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  const key = `lock:${name}`;
  return whileHeld(redis, key, token, (tx) => tx.del(key));
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  const key = `lock:${name}`;
  return whileHeld(redis, key, token, (tx) => tx.pexpire(key, ttlMs));
}
