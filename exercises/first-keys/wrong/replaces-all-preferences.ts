// fails: savePreferences stores nothing else and leaves every other key as it was
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

// Treats the object as the user's whole set of preferences: the ones not in it are deleted.
export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const old = await redis.keys(keyOf(userId, '*'));
  if (old.length > 0) await redis.del(...old);
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
