// fails: addUser sends every write inside one MULTI/EXEC
import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

// Every write on its own: for a moment, the hash and the index disagree.
export async function addUser(redis: Redis, user: User): Promise<void> {
  await redis.hset(userKey(user.id), { name: user.name, city: user.city });
  await redis.sadd(cityKey(user.city), user.id);
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids = await redis.smembers(cityKey(city));
  const names = await Promise.all(ids.map((id) => redis.hget(userKey(id), 'name')));
  return names.filter((name): name is string => name !== null).sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const oldCity = await redis.hget(userKey(id), 'city');
  await redis.hset(userKey(id), 'city', newCity);
  if (oldCity !== null) await redis.srem(cityKey(oldCity), id);
  await redis.sadd(cityKey(newCity), id);
}
