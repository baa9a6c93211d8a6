// acquire in a Lua script (EXISTS, then SET … PX); release and extend with WATCH, GET and
// MULTI…EXEC, retried when EXEC is refused.
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomBytes(24).toString('base64');
  return (await redis.eval(ACQUIRE, 1, `lock:${name}`, token, ttlMs)) === 1 ? token : null;
}

async function ifHeld(
  redis: Redis,
  key: string,
  token: string,
  queue: (tx: ReturnType<Redis['multi']>) => void,
): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await redis.watch(key);
    if ((await redis.get(key)) !== token) {
      await redis.unwatch();
      return false;
    }
    const tx = redis.multi();
    queue(tx);
    const replies = await tx.exec();
    if (replies !== null) {
      const [error, reply] = replies[0] ?? [null, null];
      if (error) throw error;
      return reply === 1 || reply === 'OK';
    }
  }
  return false;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  const key = `lock:${name}`;
  return ifHeld(redis, key, token, (tx) => tx.del(key));
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  const key = `lock:${name}`;
  return ifHeld(redis, key, token, (tx) => tx.set(key, token, 'PX', ttlMs, 'XX'));
}
