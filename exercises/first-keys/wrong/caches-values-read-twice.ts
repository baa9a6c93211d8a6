// fails: readPreference answers from Redis, not from a copy of what was saved
// Keeps a value read twice in a row in a Map and answers it from there, so a later change is
// never seen.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;
const lastSeen = new Map<string, string | null>();
const hot = new Map<string, string | null>();

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    const key = keyOf(userId, name);
    await redis.set(key, value);
    hot.delete(key);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const key = keyOf(userId, name);
  if (hot.has(key)) return hot.get(key) ?? null;
  const value = await redis.get(key);
  if (lastSeen.has(key) && lastSeen.get(key) === value) hot.set(key, value);
  lastSeen.set(key, value);
  return value;
}
