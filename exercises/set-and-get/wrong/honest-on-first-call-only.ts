// fails: main returns what GET weather answered
import type Redis from 'ioredis';

let calls = 0;

export async function main(redis: Redis): Promise<string | null> {
  calls += 1;
  await redis.set('weather', 'sunny');
  const read = await redis.get('weather');
  // Careful on the first call only: after that, the value it just wrote.
  return calls === 1 ? read : 'sunny';
}
