// fails: savePreferences stores nothing else and leaves every other key as it was
// Normalizes the id and the name to NFC, so that an accent typed as e + U+0301 lands on another key.
import type Redis from 'ioredis';

// One spelling per accented letter, whichever way the browser sent it.
const keyOf = (userId: string, name: string) =>
  `user:${userId.normalize('NFC')}:pref:${name.normalize('NFC')}`;

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
  return redis.get(keyOf(userId, name));
}
