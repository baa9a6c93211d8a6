// fails: readPreference answers from Redis, not from a copy of what was saved
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

// Saves a round trip by remembering what it wrote, and asks Redis only about the rest: a value
// another program changes or deletes is never seen again.
const remembered = new Map<string, string>();

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    await redis.set(keyOf(userId, name), value);
    remembered.set(keyOf(userId, name), value);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return remembered.get(keyOf(userId, name)) ?? redis.get(keyOf(userId, name));
}
