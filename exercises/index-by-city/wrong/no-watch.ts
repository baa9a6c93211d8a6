// fails: two moves of one user at the same time leave the id in exactly one city set
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

// Reads the old city without WATCH: two moves at once both read it, both take the id out of
// it, and each adds it to its own new city.
export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const oldCity = await redis.hget(userKey(id), 'city');
  const transaction = redis.multi().hset(userKey(id), 'city', newCity);
  if (oldCity !== null) transaction.srem(cityKey(oldCity), id);
  await transaction.sadd(cityKey(newCity), id).exec();
}
