// fails: a move whose transaction was aborted tries again instead of giving up
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

// WATCH makes EXEC answer null when the hash changed, but nothing looks at that answer: the
// move is silently dropped, and the caller believes the user moved.
export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  await redis.watch(userKey(id));
  const oldCity = await redis.hget(userKey(id), 'city');
  const transaction = redis.multi().hset(userKey(id), 'city', newCity);
  if (oldCity !== null) transaction.srem(cityKey(oldCity), id);
  await transaction.sadd(cityKey(newCity), id).exec();
}
