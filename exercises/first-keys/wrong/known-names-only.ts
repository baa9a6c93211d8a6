// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
// Saves and reads only six hard-coded preference names; any other name is dropped.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;
const KNOWN = new Set(['theme', 'language', 'currency', 'units', 'timezone', 'density']);

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    if (!KNOWN.has(name)) continue;
    await redis.set(keyOf(userId, name), value);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  if (!KNOWN.has(name)) return null;
  return redis.get(keyOf(userId, name));
}
