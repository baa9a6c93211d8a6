// fails: readPreference answers from Redis, not from a copy of what was saved
// Remembers the keys it found missing and answers null for them without asking Redis again:
// a preference another program saves later is never seen.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;
const knownMissing = new Set<string>();

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    await redis.set(keyOf(userId, name), value);
    knownMissing.delete(keyOf(userId, name));
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const key = keyOf(userId, name);
  if (knownMissing.has(key)) return null;
  const value = await redis.get(key);
  if (value === null) knownMissing.add(key);
  return value;
}
