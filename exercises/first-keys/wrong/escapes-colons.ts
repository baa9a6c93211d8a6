// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
// Replaces ':' in ids and names with '_', so the name shipping:country gets the wrong key.
import type Redis from 'ioredis';

const safe = (part: string) => part.replaceAll(':', '_');
const keyOf = (userId: string, name: string) => `user:${safe(userId)}:pref:${safe(name)}`;

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
