// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
// Treats the empty user id as "no user": saves nothing and reads null, though '' is an id like any other.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  if (userId === '') return;
  for (const [name, value] of Object.entries(preferences)) {
    await redis.set(keyOf(userId, name), value);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  if (userId === '') return null;
  return redis.get(keyOf(userId, name));
}
