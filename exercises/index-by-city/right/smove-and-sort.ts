import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

export async function addUser(redis: Redis, user: User): Promise<void> {
  const { id, name, city } = user;
  const replies = await redis
    .multi()
    .hmset(`user:${id}`, 'name', name, 'city', city)
    .sadd(`city:${city}:users`, id)
    .exec();
  if (replies === null) throw new Error('the transaction was aborted');
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  // SORT … GET fetches each member's name from its hash in the same command; an id with no hash
  // gives null. The order is JavaScript's, so the sorting happens here.
  const names = (await redis.sort(`city:${city}:users`, 'BY', 'nosort', 'GET', 'user:*->name')) as (
    | string
    | null
  )[];
  return names.filter((name): name is string => name !== null).sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const key = `user:${id}`;
  let moved = false;
  while (!moved) {
    await redis.watch(key);
    const oldCity = (await redis.hget(key, 'city')) ?? newCity;
    // SMOVE takes the id out of the old set and puts it into the new one in one command.
    const replies = await redis
      .multi()
      .smove(`city:${oldCity}:users`, `city:${newCity}:users`, id)
      .sadd(`city:${newCity}:users`, id)
      .hset(key, { city: newCity })
      .exec();
    moved = replies !== null;
  }
}
