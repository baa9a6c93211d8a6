// fails: readPreference reads its one key by name, without searching, reading other keys or writing
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

// Checks that the key exists with KEYS first: right answers, but KEYS walks the whole database.
export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const [found] = await redis.keys(keyOf(userId, name));
  return found === undefined ? null : redis.get(found);
}
