// fails: readPreference returns the value Redis holds under user:<id>:pref:<name>
// Answers null without asking Redis when the id or the name is '', though user:42:pref: may exist.
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
  if (!userId || !name) return null;
  return redis.get(keyOf(userId, name));
}
