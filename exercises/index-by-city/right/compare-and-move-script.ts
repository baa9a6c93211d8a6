// No WATCH: moveUser reads the city, then a script moves the user only if the hash still names
// that city, and the loop reads again when it answers 0. usersIn reads the names in one MULTI.
import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

const MOVE_IF = `
if redis.call('HGET', KEYS[1], 'city') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'city', ARGV[3])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
return 1`;

export async function addUser(redis: Redis, user: User): Promise<void> {
  await redis
    .multi()
    .sadd(cityKey(user.city), user.id)
    .hset(userKey(user.id), 'name', user.name, 'city', user.city)
    .exec();
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  const ids = await redis.smembers(cityKey(city));
  if (ids.length === 0) return [];
  const transaction = redis.multi();
  for (const id of ids) transaction.hget(userKey(id), 'name');
  const replies = (await transaction.exec()) ?? [];
  return replies
    .map(([, name]) => name as string | null)
    .filter((name): name is string => name !== null)
    .sort();
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  const key = userKey(id);
  for (;;) {
    const oldCity = await redis.hget(key, 'city');
    if (oldCity === null) throw new Error(`no user ${id}`);
    const done = await redis.eval(
      MOVE_IF,
      3,
      key,
      cityKey(oldCity),
      cityKey(newCity),
      id,
      oldCity,
      newCity,
    );
    if (done === 1) return;
  }
}
