import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

export async function addUser(redis: Redis, user: User): Promise<void> {
  const transaction = redis.multi();
  transaction.hset(userKey(user.id), 'name', user.name);
  transaction.hset(userKey(user.id), 'city', user.city);
  transaction.sadd(cityKey(user.city), user.id);
  await transaction.exec();
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids = await redis.smembers(cityKey(city));
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hmget(userKey(id), 'name');
  const replies = (await pipeline.exec()) ?? [];
  const names: string[] = [];
  for (const [error, reply] of replies) {
    if (error) throw error;
    const [name] = reply as (string | null)[];
    if (name != null) names.push(name);
  }
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

interface WithMove extends Redis {
  moveToCity(userKey: string, id: string, newCity: string): Promise<unknown>;
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  // The city set's name is built inside the script from what the hash holds.
  redis.defineCommand('moveToCity', {
    numberOfKeys: 1,
    lua: `
local old = redis.call('HGET', KEYS[1], 'city')
if old then redis.call('SREM', 'city:' .. old .. ':users', ARGV[1]) end
redis.call('SADD', 'city:' .. ARGV[2] .. ':users', ARGV[1])
redis.call('HSET', KEYS[1], 'city', ARGV[2])
return 1`,
  });
  await (redis as WithMove).moveToCity(userKey(id), id, newCity);
}
