// fails: readPreference reads its one key by name, without searching, reading other keys or writing
// Reads with GETEX … PERSIST, which removes the TTL of a key that had one: a read changes nothing.
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
  return redis.getex(keyOf(userId, name), 'PERSIST');
}
