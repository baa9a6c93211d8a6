// fails: usersIn returns the names of the users in a city, sorted alphabetically
// addUser keys the set by the city as given, but usersIn and moveUser trim and lower-case it:
// usersIn('São Paulo') reads city:são paulo:users and finds nobody.
import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;
const lookupKey = (city: string) => cityKey(city.trim().toLowerCase());

export async function addUser(redis: Redis, user: User): Promise<void> {
  await redis
    .multi()
    .hset(userKey(user.id), { name: user.name, city: user.city })
    .sadd(cityKey(user.city), user.id)
    .exec();
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids = await redis.smembers(lookupKey(city));
  const names = await Promise.all(ids.map((id) => redis.hget(userKey(id), 'name')));
  return names.filter((name): name is string => name !== null).sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const key = userKey(id);
  for (;;) {
    await redis.watch(key);
    const oldCity = await redis.hget(key, 'city');
    const moved = await redis
      .multi()
      .hset(key, 'city', newCity)
      .srem(lookupKey(oldCity ?? newCity), id)
      .sadd(lookupKey(newCity), id)
      .exec();
    if (moved !== null) return;
  }
}
