// fails: readPreference answers from Redis, not from a copy of what was saved
// Keeps values made of lower-case letters only in a Map and answers them from it, so a change
// another client makes to such a preference is never seen.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;
const cache = new Map<string, string>();

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
  const key = keyOf(userId, name);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const value = await redis.get(key);
  if (value !== null && /^[a-z]+$/.test(value)) cache.set(key, value);
  return value;
}
