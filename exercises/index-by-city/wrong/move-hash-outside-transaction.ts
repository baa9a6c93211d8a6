// fails: moveUser sends every write inside one MULTI/EXEC
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

// The two sets change together, but the hash is written on its own first: for a moment the hash
// says the new city while the index still lists the old one.
export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const oldCity = await redis.hget(userKey(id), 'city');
  await redis.hset(userKey(id), 'city', newCity);
  const transaction = redis.multi().sadd(cityKey(newCity), id);
  if (oldCity !== null) transaction.srem(cityKey(oldCity), id);
  await transaction.exec();
}
