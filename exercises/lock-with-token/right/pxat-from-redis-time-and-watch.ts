// acquire sets PXAT from Redis's TIME; release and extend WATCH, GET and MULTI/EXEC,
// looking again when EXEC answers null.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

async function redisNowMs(redis: Redis): Promise<number> {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  const at = (await redisNowMs(redis)) + ttlMs;
  return (await redis.set(`lock:${name}`, token, 'PXAT', at, 'NX')) === 'OK' ? token : null;
}

async function ifHeld(
  redis: Redis,
  key: string,
  token: string,
  write: (tx: ReturnType<Redis['multi']>) => unknown,
): Promise<boolean> {
  for (;;) {
    await redis.watch(key);
    if ((await redis.get(key)) !== token) {
      await redis.unwatch();
      return false;
    }
    const tx = redis.multi();
    write(tx);
    if ((await tx.exec()) !== null) return true;
  }
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
  return ifHeld(redis, key, token, (tx) => tx.pexpire(key, ttlMs));
}
