// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
// Trims the id, the name and the value before using them, so ' dark ' is stored as 'dark'.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId.trim()}:pref:${name.trim()}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    await redis.set(keyOf(userId, name), value.trim());
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
