// fails: weather holds the string sunny after main, whatever it held before
// SET with the GET option refuses (WRONGTYPE) a weather that holds no string, and stores
// nothing.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  const before = await redis.set('weather', 'sunny', 'GET');
  void before;
  return redis.get('weather');
}
