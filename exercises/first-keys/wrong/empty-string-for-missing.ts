// fails: readPreference returns null for a preference that was never saved
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

// Turns "no such key" into an empty string, which looks like a preference set to ''.
export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return (await redis.get(keyOf(userId, name))) ?? '';
}
