// fails: savePreferences replaces a preference saved before
// GETs each key first and skips the SET when Redis already holds that value, so an old
// expiry on that key stays: saved preferences never expire.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    const key = keyOf(userId, name);
    if ((await redis.get(key)) === value) continue;
    await redis.set(key, value);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
