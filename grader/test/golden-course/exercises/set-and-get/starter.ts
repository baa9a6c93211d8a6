import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  // TODO: store the string 'sunny' under the key 'weather'.
  // TODO: read 'weather' back from Redis and return what it holds.
  void redis;
  return null;
}
