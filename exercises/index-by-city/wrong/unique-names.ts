// fails: usersIn returns the names of the users in a city, sorted alphabetically
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

// A Set of names drops the second user who has the same name as another.
export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids = await redis.smembers(cityKey(city));
  const names = new Set<string>();
  for (const id of ids) {
    const name = await redis.hget(userKey(id), 'name');
    if (name !== null) names.add(name);
  }
  return [...names].sort();
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
