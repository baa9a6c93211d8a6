// fails: savePreferences replaces a preference saved before
// Remembers what it wrote and skips a save of the same value, even when another client
// changed the key in between.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;
const written = new Map<string, string>();

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    const key = keyOf(userId, name);
    if (written.get(key) === value) continue;
    await redis.set(key, value);
    written.set(key, value);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
