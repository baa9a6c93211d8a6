// fails: addUser at the same time as usersIn or moveUser leaves the new user's id in its city set
// usersIn prunes ids with no hash under WATCH of the city's set, not of their hashes: addUser's
// SADD of an id already there changes nothing, so the SREM goes through after the hash is back.
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
  const set = cityKey(city);
  await redis.watch(set);
  const ids = await redis.smembers(set);
  const names = await Promise.all(ids.map((id) => redis.hget(userKey(id), 'name')));
  const stale = ids.filter((_, index) => names[index] === null);
  if (stale.length > 0)
    await redis
      .multi()
      .srem(set, ...stale)
      .exec();
  else await redis.unwatch();
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
      .srem(cityKey(oldCity ?? newCity), id)
      .sadd(cityKey(newCity), id)
      .exec();
    if (moved !== null) return;
  }
}
