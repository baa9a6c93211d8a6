// fails: main returns what GET weather answered
// Reads weather again when GET answers nil, taking it for a write not yet visible: main must return what its GET answered.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  // A fresh write may take a moment to show: ask again a few times.
  for (let attempt = 0; attempt < 5; attempt++) {
    const value = await redis.get('weather');
    if (value !== null) return value;
  }
  return null;
}
