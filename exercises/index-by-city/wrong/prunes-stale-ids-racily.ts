// fails: addUser at the same time as usersIn or moveUser leaves the new user's id in its city set
// usersIn removes ids with no hash after reading them, with no WATCH or script: a user added
// with that id in between loses their index entry.
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
  const gone = ids.filter((_, i) => names[i] === null);
  // Tidy the index while we are here.
  if (gone.length > 0) await redis.srem(cityKey(city), ...gone);
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
