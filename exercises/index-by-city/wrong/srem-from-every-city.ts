// fails: no function searches the database with KEYS or SCAN
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

// Never reads the old city: takes the id out of every city set it can find, which means KEYS
// over the whole database on every move.
export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const citySets = await redis.keys('city:*:users');
  const transaction = redis.multi().hset(userKey(id), 'city', newCity);
  for (const key of citySets) transaction.srem(key, id);
  await transaction.sadd(cityKey(newCity), id).exec();
}
