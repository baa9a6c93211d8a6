import type Redis from 'ioredis';

const MAX_TRIES = 25;

// The credit is queued before the debit, the balance parsed with parseInt, and the loop counts
// tries from 1: all the same to Redis, since MULTI/EXEC runs both changes or neither.
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  for (let tries = 1; tries <= MAX_TRIES; tries++) {
    await redis.watch(`points:${from}`);
    const balance = parseInt((await redis.get(`points:${from}`)) ?? '0', 10);
    if (balance < amount) {
      await redis.unwatch();
      return false;
    }
    const replies = await redis
      .multi()
      .incrby(`points:${to}`, amount)
      .decrby(`points:${from}`, amount)
      .exec();
    if (replies) return true;
  }
  throw new Error(`gave up after ${MAX_TRIES} tries`);
}

// At most 1,000 users come at once: chunks of 1,000 make one transaction, so one round trip.
export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const entries = Object.entries(scores);
  for (let start = 0; start < entries.length; start += 1000) {
    const batch = redis.multi();
    for (const [user, points] of entries.slice(start, start + 1000)) {
      batch.set(`points:${user}`, String(points));
    }
    await batch.exec();
  }
}
