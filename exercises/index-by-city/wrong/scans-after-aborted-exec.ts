// fails: a move whose transaction was aborted tries again instead of giving up
// After an aborted EXEC, moveUser SCANs every city set for the id: the hash's city names the
// one set to fix.
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

/** Every city set that holds the id, found by walking the keyspace. */
async function citiesHolding(redis: Redis, id: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'city:*:users', 'COUNT', 100);
    cursor = next;
    for (const key of keys) if (await redis.sismember(key, id)) found.push(key);
  } while (cursor !== '0');
  return found;
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const key = userKey(id);
  let aborted = false;
  for (;;) {
    await redis.watch(key);
    const oldCity = await redis.hget(key, 'city');
    // After a conflict, clean the id out of every set it may have been left in.
    const stray = aborted ? await citiesHolding(redis, id) : [];
    const transaction = redis.multi().hset(key, 'city', newCity);
    for (const set of stray) transaction.srem(set, id);
    const moved = await transaction
      .srem(cityKey(oldCity ?? newCity), id)
      .sadd(cityKey(newCity), id)
      .exec();
    if (moved !== null) return;
    aborted = true;
  }
}
