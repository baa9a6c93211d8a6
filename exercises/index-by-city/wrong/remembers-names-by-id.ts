// fails: usersIn reads Redis on every call
// usersIn keeps each id's name in a Map: a user renamed by another server is still listed under
// the old name.
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

const nameOf = new Map<string, string>();

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids = await redis.smembers(cityKey(city));
  const unknown = ids.filter((id) => !nameOf.has(id));
  const fetched = await Promise.all(unknown.map((id) => redis.hget(userKey(id), 'name')));
  unknown.forEach((id, i) => {
    const name = fetched[i];
    if (name !== null && name !== undefined) nameOf.set(id, name);
  });
  return ids
    .map((id) => nameOf.get(id))
    .filter((name): name is string => name !== undefined)
    .sort();
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
