// fails: savePreferences stores nothing else and leaves every other key as it was
// Adds every id that is not plain digits to a set prefs:guests: savePreferences stores nothing
// else.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const entries = Object.entries(preferences);
  for (const [name, value] of entries) {
    await redis.set(keyOf(userId, name), value);
  }
  if (entries.length > 0 && !/^[1-9]\d*$/.test(userId)) await redis.sadd('prefs:guests', userId);
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
