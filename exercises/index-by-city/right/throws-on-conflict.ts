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
    .hset(userKey(user.id), 'name', user.name, 'city', user.city)
    .sadd(cityKey(user.city), user.id)
    .exec();
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const names: string[] = [];
  // SSCAN walks this one set, a page at a time; it never looks at other keys.
  for await (const page of redis.sscanStream(cityKey(city))) {
    for (const id of page as string[]) {
      const name = await redis.hget(userKey(id), 'name');
      if (name !== null) names.push(name);
    }
  }
  return names.sort();
}

// A move that loses the race tells its caller instead of retrying: it either moves the user or
// throws, never returns without moving.
export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  await redis.watch(userKey(id));
  const oldCity = await redis.hget(userKey(id), 'city');
  if (oldCity === null) {
    await redis.unwatch();
    throw new Error(`no user ${id}`);
  }
  const replies = await redis
    .multi()
    .srem(cityKey(oldCity), id)
    .sadd(cityKey(newCity), id)
    .hset(userKey(id), 'city', newCity)
    .exec();
  if (replies === null) throw new Error(`user ${id} changed while moving; try again`);
}
