// fails: usersIn returns the names of the users in a city, sorted alphabetically
// Reads the city's set with one SSCAN and ignores the cursor: a large set comes back a page
// at a time, and everyone past the first page is missing.
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
  const [, ids] = await redis.sscan(cityKey(city), '0');
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
      .srem(cityKey(oldCity ?? newCity), id)
      .sadd(cityKey(newCity), id)
      .exec();
    if (moved !== null) return;
  }
}
