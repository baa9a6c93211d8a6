// fails: weather holds the string sunny after main, whatever it held before
// Finds the key with KEYS on the module's first call only.
import type Redis from 'ioredis';

let checkedOnce = false;

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  if (!checkedOnce) {
    checkedOnce = true;
    // First run: make sure the key really landed before trusting GET.
    const [found] = await redis.keys('weather');
    return found === undefined ? null : redis.get(found);
  }
  return redis.get('weather');
}
