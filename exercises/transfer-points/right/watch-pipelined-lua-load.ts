// WATCH and GET sent in one pipeline (WATCH still reaches Redis first); bulkLoad as one EVAL
// that SETs every key: one command, one round trip.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

const LOAD = `
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], ARGV[i])
end
return #KEYS`;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  for (let tries = 0; tries < 50; tries++) {
    const replies = await redis
      .pipeline()
      .watch(pointsKey(from), pointsKey(to))
      .get(pointsKey(from))
      .exec();
    const raw = replies?.[1]?.[1] as string | null | undefined;
    if (Number(raw ?? 0) < amount) {
      await redis.unwatch();
      return false;
    }
    const done = await redis
      .multi()
      .decrby(pointsKey(from), amount)
      .incrby(pointsKey(to), amount)
      .exec();
    if (done !== null) return true;
  }
  throw new Error('transfer: too many conflicts');
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const users = Object.keys(scores);
  await redis.eval(
    LOAD,
    users.length,
    ...users.map(pointsKey),
    ...users.map((user) => String(scores[user])),
  );
}
