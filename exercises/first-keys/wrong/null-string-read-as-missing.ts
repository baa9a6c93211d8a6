// fails: readPreference returns the value Redis holds under user:<id>:pref:<name>
// Reads a stored 'null' or 'undefined' as a missing preference, though it is a value like any other.
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

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const value = await redis.get(keyOf(userId, name));
  // ioredis turns a JavaScript null into the string 'null' on the way in.
  return value === 'null' || value === 'undefined' ? null : value;
}
