// fails: usersIn skips ids whose hash is gone, and writes nothing else
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

// An id whose hash is gone gives a null name, which is returned in the list.
export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids = await redis.smembers(cityKey(city));
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hget(userKey(id), 'name');
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([, name]) => name as string).sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  for (;;) {
    await redis.watch(userKey(id));
    const oldCity = await redis.hget(userKey(id), 'city');
    const transaction = redis.multi().hset(userKey(id), 'city', newCity);
    if (oldCity !== null) transaction.srem(cityKey(oldCity), id);
    if ((await transaction.sadd(cityKey(newCity), id).exec()) !== null) return;
  }
}
