// fails: main returns what GET weather answered
// Deletes, then writes with NX: a value another client stores in between is kept, and
// main stores nothing.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.del('weather');
  await redis.set('weather', 'sunny', 'NX');
  return redis.get('weather');
}
