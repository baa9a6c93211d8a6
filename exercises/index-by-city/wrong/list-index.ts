// fails: addUser adds the user's id to the set city:<city>:users
import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

// The index is a list: adding a user twice puts their id in it twice.
export async function addUser(redis: Redis, user: User): Promise<void> {
  await redis
    .multi()
    .hset(userKey(user.id), { name: user.name, city: user.city })
    .rpush(cityKey(user.city), user.id)
    .exec();
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids = await redis.lrange(cityKey(city), 0, -1);
  const names = await Promise.all(ids.map((id) => redis.hget(userKey(id), 'name')));
  return names.filter((name): name is string => name !== null).sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const oldCity = await redis.hget(userKey(id), 'city');
  const transaction = redis.multi().hset(userKey(id), 'city', newCity).rpush(cityKey(newCity), id);
  if (oldCity !== null) transaction.lrem(cityKey(oldCity), 0, id);
  await transaction.exec();
}
