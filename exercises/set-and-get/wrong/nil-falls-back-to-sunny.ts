// fails: main returns what GET weather answered
// Returns the value it wrote when GET answers nil, as it does when another client deletes
// weather between the SET and the GET.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  // "It was just written, so it can't be missing": fall back on the value written.
  return (await redis.get('weather')) ?? 'sunny';
}
