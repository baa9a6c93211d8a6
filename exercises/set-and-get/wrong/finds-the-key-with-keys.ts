// fails: main reads weather by its name, without searching for keys
import type Redis from 'ioredis';

// Makes sure the key is there before reading it, by searching the whole keyspace for it.
export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  const [found] = await redis.keys('weather');
  return found === undefined ? null : redis.get(found);
}
