// fails: main changes no key but weather
import type Redis from 'ioredis';

// Starts from a clean slate, and so deletes every key other code stored.
export async function main(redis: Redis): Promise<string | null> {
  await redis.flushdb();
  await redis.set('weather', 'sunny');
  return redis.get('weather');
}
