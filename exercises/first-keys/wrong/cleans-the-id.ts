// fails: savePreferences stores nothing else and leaves every other key as it was
// Trims the id and replaces its ':' with '_' (names are left alone): user ' a:b ' lands on
// user a_b's keys.
import type Redis from 'ioredis';

const cleanId = (userId: string) => userId.trim().replaceAll(':', '_');
const keyOf = (userId: string, name: string) => `user:${cleanId(userId)}:pref:${name}`;

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
