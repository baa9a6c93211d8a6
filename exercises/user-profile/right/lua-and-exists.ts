import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  // Field-value pairs spelled out, as redis-cli takes them.
  await redis.hset(
    `user:${id}`,
    'name',
    profile.name,
    'email',
    profile.email,
    'city',
    profile.city,
  );
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  // EXISTS first reads better than counting fields; both are sent together in one round trip.
  const replies = await redis.pipeline().exists(`user:${id}`).hgetall(`user:${id}`).exec();
  const [[, exists] = [], [, fields] = []] = replies ?? [];
  return exists === 1 ? (fields as Record<string, string>) : null;
}

const ADD_POINTS = "return redis.call('HINCRBY', KEYS[1], 'points', ARGV[1])";

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return (await redis.eval(ADD_POINTS, 1, `user:${id}`, points)) as number;
}
