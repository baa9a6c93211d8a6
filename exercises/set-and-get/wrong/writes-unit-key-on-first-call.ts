// fails: weather holds the string sunny after main, whatever it held before
// On the module's first call only, also writes weather:unit, a key that is not its own.
import type Redis from 'ioredis';

let initialised = false;

export async function main(redis: Redis): Promise<string | null> {
  if (!initialised) {
    await redis.set('weather:unit', 'celsius', 'NX');
    initialised = true;
  }
  await redis.set('weather', 'sunny');
  return redis.get('weather');
}
