// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
import type Redis from 'ioredis';

// Forgets the user: every user's theme lands on the same key, pref:theme.
const keyOf = (_userId: string, name: string) => `pref:${name}`;

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
