// fails: main changes no key but weather
// Also writes weather in database 1, through a copy of the client made with { db: 1 }.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  const mirror = redis.duplicate({ db: 1 });
  try {
    await mirror.set('weather', 'sunny');
  } finally {
    await mirror.quit();
  }
  await redis.set('weather', 'sunny');
  return redis.get('weather');
}
