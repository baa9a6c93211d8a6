// addUser with HSETNX for each field (a user added again is unchanged, so nothing is lost);
// usersIn reads the ids and then the names with HMGET, one command per id, awaited in turn;
// moveUser sends its transaction with call() and retries by recursion.
import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

export async function addUser(redis: Redis, user: User): Promise<void> {
  const key = userKey(user.id);
  await redis
    .multi()
    .hsetnx(key, 'name', user.name)
    .hsetnx(key, 'city', user.city)
    .sadd(cityKey(user.city), user.id)
    .exec();
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const names: string[] = [];
  for (const id of await redis.smembers(cityKey(city))) {
    const [name] = await redis.hmget(userKey(id), 'name');
    if (name !== null && name !== undefined) names.push(name);
  }
  names.sort();
  return names;
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const key = userKey(id);
  await redis.call('WATCH', key);
  const oldCity = (await redis.call('HGET', key, 'city')) as string | null;
  const done = await redis
    .multi()
    .call('HSET', key, 'city', newCity)
    .call('SREM', cityKey(oldCity ?? newCity), id)
    .call('SADD', cityKey(newCity), id)
    .exec();
  if (done === null) return moveUser(redis, id, newCity);
}
