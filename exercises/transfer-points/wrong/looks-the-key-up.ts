// fails: transfer reads the sender's key by its name, without searching the keys
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

// Looks the sender's key up with KEYS before reading it: right answer, but KEYS walks every key
// of the database on each transfer (and a name holding * or ? would match other users' keys).
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(pointsKey(from));
    const [key] = await redis.keys(pointsKey(from));
    const balance = key ? Number(await redis.get(key)) : 0;
    if (balance < amount) {
      await redis.unwatch();
      return false;
    }
    const results = await redis
      .multi()
      .decrby(pointsKey(from), amount)
      .incrby(pointsKey(to), amount)
      .exec();
    if (results !== null) return true;
  }
  throw new Error('too many attempts');
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
