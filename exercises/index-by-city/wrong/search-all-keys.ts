// fails: no function searches the database with KEYS or SCAN
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

// Right answer, wrong way: looks at every user in the database to find a city's users.
export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const keys = await redis.keys('user:*');
  const names: string[] = [];
  for (const key of keys) {
    const user = await redis.hgetall(key);
    if (user.city === city && user.name !== undefined) names.push(user.name);
  }
  return names.sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const oldCity = await redis.hget(userKey(id), 'city');
  const transaction = redis.multi().hset(userKey(id), 'city', newCity).sadd(cityKey(newCity), id);
  if (oldCity !== null) transaction.srem(cityKey(oldCity), id);
  await transaction.exec();
}
