// fails: no function searches the database with KEYS or SCAN
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

// Looks at every user hash inside a script: the client sends one EVAL, but Redis still walks
// every key of the database, and the index is never used.
const USERS_IN = `
local names = {}
for _, key in ipairs(redis.call('KEYS', 'user:*')) do
  if redis.call('HGET', key, 'city') == ARGV[1] then
    table.insert(names, redis.call('HGET', key, 'name'))
  end
end
return names
`;

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const names = (await redis.eval(USERS_IN, 0, city)) as string[];
  return names.sort();
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
