// fails: addUser stores the user as a hash user:<id> with fields name and city
// Trims every city before building its key: ' Lisbon ' (a city as a form sent it) is stored under city:Lisbon:users, another key.
import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city.trim()}:users`;

export async function addUser(redis: Redis, user: User): Promise<void> {
  // The hash and its index entry go together: nobody sees one without the other.
  await redis
    .multi()
    .hset(userKey(user.id), { name: user.name, city: user.city.trim() })
    .sadd(cityKey(user.city), user.id)
    .exec();
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids = await redis.smembers(cityKey(city));
  // Started together, the HGETs go out before any answer comes back: one round trip for all.
  const names = await Promise.all(ids.map((id) => redis.hget(userKey(id), 'name')));
  // An id whose hash is gone has no name: skip it.
  return names.filter((name): name is string => name !== null).sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const key = userKey(id);
  for (;;) {
    // WATCH: if another move changes the city after we read it, we would take the id out of
    // the wrong set. EXEC then answers null, and we read the city again.
    await redis.watch(key);
    const oldCity = await redis.hget(key, 'city');
    const moved = await redis
      .multi()
      .hset(key, 'city', newCity.trim())
      // SREM before SADD: a user moved to the city they live in stays in its set.
      .srem(cityKey(oldCity ?? newCity), id)
      .sadd(cityKey(newCity), id)
      .exec();
    if (moved !== null) return;
  }
}
