// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

// forEach does not wait for an async callback: savePreferences resolves before the SETs are
// answered.
export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  Object.entries(preferences).forEach(async ([name, value]) => {
    await redis.set(keyOf(userId, name), value);
  });
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
