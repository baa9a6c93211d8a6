// fails: readPreference reads its one key by name, without searching, reading other keys or writing
// Counts each read with HINCRBY user:<id>:pref-reads: a read writes nothing.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    await redis.set(keyOf(userId, name), value);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  await redis.hincrby(`user:${userId}:pref-reads`, name, 1);
  return redis.get(keyOf(userId, name));
}
