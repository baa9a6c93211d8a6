import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

// Each script runs whole inside Redis: no other client sees it half done, and the move reads the
// old city in the same step as it writes, so two moves cannot both read it.
const ADD_USER = `
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'city', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return 1`;

const MOVE_USER = `
local old = redis.call('HGET', KEYS[1], 'city')
redis.call('HSET', KEYS[1], 'city', ARGV[1])
if old then redis.call('SREM', 'city:' .. old .. ':users', ARGV[2]) end
redis.call('SADD', KEYS[2], ARGV[2])
return 1`;

export async function addUser(redis: Redis, user: User): Promise<void> {
  await redis.eval(
    ADD_USER,
    2,
    `user:${user.id}`,
    `city:${user.city}:users`,
    user.name,
    user.city,
    user.id,
  );
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids = await redis.smembers(`city:${city}:users`);
  const names: string[] = [];
  for (const id of ids) {
    const name = await redis.hget(`user:${id}`, 'name');
    if (name !== null) names.push(name);
  }
  return names.sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  await redis.eval(MOVE_USER, 2, `user:${id}`, `city:${newCity}:users`, newCity, id);
}
