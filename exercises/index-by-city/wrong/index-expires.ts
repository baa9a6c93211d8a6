// fails: addUser and moveUser change only the user and the city sets involved, and set no expiry
// addUser gives the hash and the city set a day's TTL: a day later the user and the index vanish.
import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

const DAY = 86_400;

export async function addUser(redis: Redis, user: User): Promise<void> {
  await redis
    .multi()
    .hset(userKey(user.id), { name: user.name, city: user.city })
    .expire(userKey(user.id), DAY)
    .sadd(cityKey(user.city), user.id)
    .expire(cityKey(user.city), DAY)
    .exec();
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
