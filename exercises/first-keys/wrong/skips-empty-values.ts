// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
// Skips entries whose value is '', as if there were nothing to save: '' is a value like any other.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    // "nothing to save" for an empty value, as for an empty object
    if (!value) continue;
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
