import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

export async function addUser(redis: Redis, user: User): Promise<void> {
  // The hash and its index entry go together: nobody sees one without the other.
  await redis
    .multi()
    .hset(userKey(user.id), { name: user.name, city: user.city })
    .sadd(cityKey(user.city), user.id)
    .exec();
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids = await redis.smembers(cityKey(city));
  if (ids.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hget(userKey(id), 'name');
  const replies = (await pipeline.exec()) ?? [];
  const names = replies
    .map(([, name]) => name)
    .filter((name): name is string => typeof name === 'string');
  return names.sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const key = userKey(id);
  for (let attempt = 0; attempt < 10; attempt++) {
    // WATCH: if another move changes the city after we read it, we would remove the id
    // from the wrong set. EXEC then answers null and we read again.
    await redis.watch(key);
    const oldCity = await redis.hget(key, 'city');
    const transaction = redis.multi().hset(key, 'city', newCity).sadd(cityKey(newCity), id);
    if (oldCity !== null && oldCity !== newCity) transaction.srem(cityKey(oldCity), id);
    if ((await transaction.exec()) !== null) return;
  }
  throw new Error(`user ${id} keeps changing; could not move them`);
}
