// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
// Cuts every value to 4,096 characters, as a database column would: a longer preference is stored cut.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;
const MAX_VALUE = 4096;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    await redis.set(keyOf(userId, name), value.slice(0, MAX_VALUE));
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
