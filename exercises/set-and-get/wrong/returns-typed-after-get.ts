// fails: main returns what GET weather answered
import type Redis from 'ioredis';

// Sends the GET but throws its answer away and returns the value it typed: the same string,
// unless another client writes weather between the SET and the GET.
export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  await redis.get('weather');
  return 'sunny';
}
