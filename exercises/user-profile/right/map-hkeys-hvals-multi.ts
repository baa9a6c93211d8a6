// HSET with a Map, HKEYS and HVALS in one MULTI, HINCRBY from a script made with defineCommand.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(
    `user:${id}`,
    new Map([
      ['name', profile.name],
      ['email', profile.email],
      ['city', profile.city],
    ]),
  );
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const key = `user:${id}`;
  const replies = await redis.multi().hkeys(key).hvals(key).exec();
  if (!replies) throw new Error('transaction aborted');
  const [[e1, names], [e2, values]] = replies as [
    [Error | null, string[]],
    [Error | null, string[]],
  ];
  if (e1 || e2) throw e1 ?? e2;
  if (names.length === 0) return null;
  const profile: Record<string, string> = {};
  names.forEach((name, i) => {
    profile[name] = values[i] as string;
  });
  return profile;
}

type WithAdd = Redis & { addUserPoints(key: string, points: number): Promise<number> };

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  const r = redis as WithAdd;
  if (typeof r.addUserPoints !== 'function') {
    redis.defineCommand('addUserPoints', {
      numberOfKeys: 1,
      lua: "return redis.call('HINCRBY', KEYS[1], 'points', ARGV[1])",
    });
  }
  return Number(await r.addUserPoints(`user:${id}`, points));
}
