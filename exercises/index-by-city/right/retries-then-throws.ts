// HMSET in MULTI; usersIn reads the names in a read-only Lua script; moveUser WATCHes, uses
// SMOVE, retries up to ten times and then throws.
import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

export async function addUser(redis: Redis, user: User): Promise<void> {
  const replies = await redis
    .multi()
    .hmset(userKey(user.id), 'name', user.name, 'city', user.city)
    .sadd(cityKey(user.city), user.id)
    .exec();
  if (replies === null) throw new Error('addUser: transaction aborted');
}

const NAMES = `
local names = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local name = redis.call('HGET', 'user:' .. id, 'name')
  if name then names[#names + 1] = name end
end
return names
`;

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const names = (await redis.eval(NAMES, 1, cityKey(city))) as string[];
  return [...names].sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const key = userKey(id);
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(key);
    const oldCity = await redis.hget(key, 'city');
    if (oldCity === null) {
      await redis.unwatch();
      throw new Error(`moveUser: no user ${id}`);
    }
    const replies = await redis
      .multi()
      .smove(cityKey(oldCity), cityKey(newCity), id)
      .sadd(cityKey(newCity), id)
      .hset(key, 'city', newCity)
      .exec();
    if (replies !== null) return;
  }
  throw new Error(`moveUser: user ${id} kept changing; the move did not happen`);
}
