// fails: readPreference answers from Redis, not from a copy of what was saved
// Keeps a save of two preferences or more in a Map and answers reads from it, so a change
// another client makes afterwards is never seen.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;
const pages = new Map<string, Record<string, string>>();

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    await redis.set(keyOf(userId, name), value);
  }
  if (Object.keys(preferences).length >= 2) pages.set(userId, { ...preferences });
  else pages.delete(userId);
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const page = pages.get(userId);
  if (page && Object.hasOwn(page, name)) return page[name] ?? null;
  return redis.get(keyOf(userId, name));
}
