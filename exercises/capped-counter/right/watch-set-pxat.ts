// WATCH, then GET and PEXPIRETIME; MULTI with SET … PXAT that same moment (or no expiry
// when it had none) keeps the expiry exactly without KEEPTTL or INCR.
import type Redis from 'ioredis';

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  for (;;) {
    await redis.watch(key);
    const [value, at] = await Promise.all([redis.get(key), redis.pexpiretime(key)]);
    const count = Number(value ?? 0);
    if (count >= cap) {
      await redis.unwatch();
      return -1;
    }
    const next = count + 1;
    const tx = redis.multi();
    if ((at as number) > 0) tx.set(key, next, 'PXAT', at as number);
    else tx.set(key, next);
    const replies = await tx.exec();
    if (replies !== null) return next;
  }
}
