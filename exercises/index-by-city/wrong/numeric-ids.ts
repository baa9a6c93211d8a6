// fails: addUser stores the user as a hash user:<id> with fields name and city
// addUser treats the id as a number: id '0042' is stored as user:42 and the member 42, and an id such as 'u-7' as NaN.
import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

export async function addUser(redis: Redis, user: User): Promise<void> {
  // Ids are numbers: store them as such.
  const id = Number(user.id);
  await redis
    .multi()
    .hset(`user:${id}`, { name: user.name, city: user.city })
    .sadd(cityKey(user.city), id)
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
      .hset(key, 'city', newCity)
      // SREM before SADD: a user moved to the city they live in stays in its set.
      .srem(cityKey(oldCity ?? newCity), id)
      .sadd(cityKey(newCity), id)
      .exec();
    if (moved !== null) return;
  }
}
