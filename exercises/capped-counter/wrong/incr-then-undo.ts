// fails: at or above the cap, hit returns -1, writes nothing and leaves no WATCH behind
import type Redis from 'ioredis';

// INCR is atomic, so count first and take it back when it went past the cap. The end state is
// right, but every refused hit writes twice, and in between other clients see the count past
// its cap.
export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  const count = await redis.incr(key);
  if (count <= cap) return count;
  await redis.decr(key);
  return -1;
}
