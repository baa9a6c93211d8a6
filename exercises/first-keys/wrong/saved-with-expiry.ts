// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
// Saves every preference with EX 30 days, as a cache would: saved preferences never expire.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;
const THIRTY_DAYS = 30 * 24 * 3600;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    await redis.set(keyOf(userId, name), value, 'EX', THIRTY_DAYS);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
