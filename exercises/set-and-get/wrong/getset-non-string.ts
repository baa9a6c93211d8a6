// fails: weather holds the string sunny after main, whatever it held before
// GETSET refuses (WRONGTYPE) a weather that holds a hash or a list: main throws and stores
// nothing, where a plain SET replaces a value of any type.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  // GETSET writes and tells us what was there: handy for logging.
  const previous = await redis.getset('weather', 'sunny');
  if (previous !== null && previous !== 'sunny') console.log(`weather was ${previous}`);
  return redis.get('weather');
}
