// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
import type Redis from 'ioredis';

// Leaves out the `pref` part of the key: user:42:theme instead of user:42:pref:theme.
const keyOf = (userId: string, name: string) => `user:${userId}:${name}`;

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
