// fails: addUser at the same time as usersIn or moveUser leaves the new user's id in its city set
// DELs the old city's set when SCARD, read outside the transaction, said the mover was its last
// member: a user added to that city in between loses their index entry.
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

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const key = userKey(id);
  for (;;) {
    await redis.watch(key);
    const oldCity = (await redis.hget(key, 'city')) ?? newCity;
    const left = await redis.scard(cityKey(oldCity));
    const transaction = redis.multi().hset(key, 'city', newCity);
    if (left <= 1) transaction.del(cityKey(oldCity));
    else transaction.srem(cityKey(oldCity), id);
    const moved = await transaction.sadd(cityKey(newCity), id).exec();
    if (moved !== null) return;
  }
}
