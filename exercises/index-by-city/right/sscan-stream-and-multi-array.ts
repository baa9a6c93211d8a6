// addUser and moveUser give multi() an array of commands; usersIn walks the set with
// sscanStream, then reads every name in one pipeline; moveUser WATCHes both the hash and, once
// read, nothing else, and removes the id with SREM before adding it with SADD.
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
    .multi([
      ['hset', userKey(user.id), 'name', user.name, 'city', user.city],
      ['sadd', cityKey(user.city), user.id],
    ])
    .exec();
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of redis.sscanStream(cityKey(city), { count: 50 })) {
    ids.push(...(page as string[]));
  }
  // SSCAN may answer an element twice; each id counts once.
  const unique = [...new Set(ids)];
  const pipeline = redis.pipeline();
  for (const id of unique) pipeline.hget(userKey(id), 'name');
  const replies = (await pipeline.exec()) ?? [];
  const names: string[] = [];
  for (const [error, name] of replies) {
    if (error) throw error;
    if (typeof name === 'string') names.push(name);
  }
  return names.sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const key = userKey(id);
  let moved = null;
  while (moved === null) {
    await redis.watch(key);
    const [oldCity] = await redis.hmget(key, 'city');
    moved = await redis
      .multi([
        ['srem', cityKey(oldCity ?? newCity), id],
        ['sadd', cityKey(newCity), id],
        ['hset', key, 'city', newCity],
      ])
      .exec();
  }
}
