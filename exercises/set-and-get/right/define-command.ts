import type Redis from 'ioredis';

/** The client once `storeAndRead` is defined on it. */
type WithStoreAndRead = Redis & {
  storeAndRead(key: string, value: string): Promise<string | null>;
};

// A script of one's own, made a method of the client: it writes the key, then reads it back.
export async function main(redis: Redis): Promise<string | null> {
  redis.defineCommand('storeAndRead', {
    numberOfKeys: 1,
    lua: "redis.call('SET', KEYS[1], ARGV[1]) return redis.call('GET', KEYS[1])",
  });
  return (redis as WithStoreAndRead).storeAndRead('weather', 'sunny');
}
