// fails: two moves of one user at the same time leave the id in exactly one city set
// No WATCH: removes the id from a hard-coded list of cities instead, so two moves to cities
// outside the list leave the id in both.
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

const CITIES = (
  'lisbon porto madrid seville paris lyon berlin hamburg vienna prague warsaw krakow oslo ' +
  'bergen helsinki dublin cork leeds glasgow rome milan naples athens sofia riga tallinn ' +
  'vilnius zagreb geneva zurich ghent antwerp utrecht delft'
).split(' ');

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const key = userKey(id);
  const oldCity = await redis.hget(key, 'city');
  const transaction = redis.multi().hset(key, 'city', newCity);
  for (const city of new Set([...CITIES, oldCity ?? newCity])) {
    if (city !== newCity) transaction.srem(cityKey(city), id);
  }
  await transaction.sadd(cityKey(newCity), id).exec();
}
