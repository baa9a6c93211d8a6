// fails: main returns what GET weather answered
// When GET answers another client's value, writes sunny over it again and returns its own.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await redis.set('weather', 'sunny');
    const reply = await redis.get('weather');
    if (reply === 'sunny') return reply;
  }
  return redis.get('weather');
}
