// fails: moveUser removes the id from the old city's set
// moveUser also SREMs from the old city's set every id whose hash is gone, checked outside the
// transaction: an addUser of one of those ids meanwhile loses its index entry.
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

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const key = userKey(id);
  for (;;) {
    await redis.watch(key);
    const oldCity = await redis.hget(key, 'city');
    const oldSet = cityKey(oldCity ?? newCity);
    // Tidy the city we leave: drop ids whose user is gone.
    const members = await redis.smembers(oldSet);
    const alive = await Promise.all(members.map((member) => redis.exists(userKey(member))));
    const stale = members.filter((_, index) => alive[index] === 0);
    const transaction = redis.multi().hset(key, 'city', newCity).srem(oldSet, id);
    if (stale.length > 0) transaction.srem(oldSet, ...stale);
    const moved = await transaction.sadd(cityKey(newCity), id).exec();
    if (moved !== null) return;
  }
}
