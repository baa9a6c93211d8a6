// MSET of the one key (it replaces any type and drops the expiry, like SET), then GET.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.mset('weather', 'sunny');
  return redis.get('weather');
}
