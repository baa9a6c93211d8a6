// fails: echo returns the value
import type Redis from 'ioredis';

// Forgets to store the value, so it has nothing to return either: it fails both checks.
export async function echo(redis: Redis, _value: string): Promise<string | null> {
  return redis.get('echo');
}
