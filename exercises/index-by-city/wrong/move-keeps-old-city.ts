// fails: moveUser removes the id from the old city's set
import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

export async function addUser(redis: Redis, user: User): Promise<void> {
  await redis
    .multi()
    .hset(userKey(user.id), { name: user.name, city: user.city })
    .sadd(cityKey(user.city), user.id)
    .exec();
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids = await redis.smembers(cityKey(city));
  const names = await Promise.all(ids.map((id) => redis.hget(userKey(id), 'name')));
  return names.filter((name): name is string => name !== null).sort();
}

// Updates the hash and the new city's set, but the id stays in the old city's set too.
export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  await redis.multi().hset(userKey(id), 'city', newCity).sadd(cityKey(newCity), id).exec();
}
