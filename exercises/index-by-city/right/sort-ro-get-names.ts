// usersIn reads every name with one SORT_RO … BY nosort GET user:*->name and sorts in
// JavaScript; addUser and moveUser are Lua scripts, moveUser reading the old city in its script.
import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

const ADD = `
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'city', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return 1`;

// The old city's key is built in the script from the hash: allowed on a single server.
const MOVE = `
local old = redis.call('HGET', KEYS[1], 'city')
if old then redis.call('SREM', 'city:' .. old .. ':users', ARGV[1]) end
redis.call('HSET', KEYS[1], 'city', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
return 1`;

export async function addUser(redis: Redis, user: User): Promise<void> {
  await redis.eval(ADD, 2, userKey(user.id), cityKey(user.city), user.name, user.city, user.id);
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const names = (await redis.call(
    'SORT_RO',
    cityKey(city),
    'BY',
    'nosort',
    'GET',
    'user:*->name',
  )) as (string | null)[];
  return names.filter((name): name is string => name !== null).sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  await redis.eval(MOVE, 2, userKey(id), cityKey(newCity), id, newCity);
}
