// fails: moveUser removes the id from the old city's set
// Takes the old city from a Map of the cities it wrote, not from the hash: after another server
// moved the user, the id stays in the set of the city they really left.
import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

const cityOf = new Map<string, string>();

export async function addUser(redis: Redis, user: User): Promise<void> {
  await redis
    .multi()
    .hset(userKey(user.id), { name: user.name, city: user.city })
    .sadd(cityKey(user.city), user.id)
    .exec();
  cityOf.set(user.id, user.city);
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
    const oldCity = cityOf.get(id) ?? (await redis.hget(key, 'city'));
    const moved = await redis
      .multi()
      .hset(key, 'city', newCity)
      .srem(cityKey(oldCity ?? newCity), id)
      .sadd(cityKey(newCity), id)
      .exec();
    if (moved !== null) {
      cityOf.set(id, newCity);
      return;
    }
    cityOf.delete(id);
  }
}
