// Right answer written differently: WATCH and a retry loop whose clean-up, add and expiry all go
// inside MULTI/EXEC, on the refused path too; counted with ZCOUNT over the window.
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const key = `ratelimit:${user}`;
  const gone = nowMs - windowMs;
  for (;;) {
    await redis.watch(key);
    const counted = await redis.zcount(key, `(${gone}`, '+inf');
    const tx = redis.multi().zremrangebyscore(key, '-inf', gone);
    const allowed = counted < limit;
    if (allowed) {
      tx.zadd(key, nowMs, `${nowMs}.${randomBytes(12).toString('base64url')}`);
      tx.pexpire(key, windowMs);
    }
    if ((await tx.exec()) !== null) return allowed;
  }
}
