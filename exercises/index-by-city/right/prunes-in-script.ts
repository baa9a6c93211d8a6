// usersIn takes ids with no hash out of the set in the same script that reads the names, so a
// user added meanwhile keeps their id.
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
    .hset(userKey(user.id), 'name', user.name)
    .hset(userKey(user.id), 'city', user.city)
    .sadd(cityKey(user.city), user.id)
    .exec();
}

const LIVE_NAMES = `
local names = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local name = redis.call('HGET', 'user:' .. id, 'name')
  if name then
    names[#names + 1] = name
  elseif redis.call('EXISTS', 'user:' .. id) == 0 then
    redis.call('SREM', KEYS[1], id)
  end
end
return names
`;

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const names = (await redis.eval(LIVE_NAMES, 1, cityKey(city))) as string[];
  return names.slice().sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const key = userKey(id);
  for (;;) {
    await redis.watch(key);
    const oldCity = await redis.hget(key, 'city');
    const transaction = redis.multi().hset(key, 'city', newCity);
    if (oldCity !== null) transaction.srem(cityKey(oldCity), id);
    transaction.sadd(cityKey(newCity), id);
    if ((await transaction.exec()) !== null) return;
  }
}
