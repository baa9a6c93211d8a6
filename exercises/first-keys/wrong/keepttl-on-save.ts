// fails: savePreferences replaces a preference saved before
// Saves with SET … KEEPTTL, so a new value keeps the expiry the old key had.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    await redis.set(keyOf(userId, name), value, 'KEEPTTL');
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
