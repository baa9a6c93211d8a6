// fails: transfer WATCHes the sender's key before reading the balance
// Sends a GET after the WATCH and ignores its reply: a script queued in the MULTI reads the
// balance again and decides.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

const MOVE = `
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
local amount = tonumber(ARGV[1])
if balance < amount then return 0 end
redis.call('DECRBY', KEYS[1], amount)
redis.call('INCRBY', KEYS[2], amount)
return 1`;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(pointsKey(from));
    await redis.get(pointsKey(from));
    const results = await redis
      .multi()
      .eval(MOVE, 2, pointsKey(from), pointsKey(to), amount)
      .exec();
    if (results !== null) return results[0]?.[1] === 1;
  }
  throw new Error(`transfer from ${from}: the balance kept changing`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
