// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
import type Redis from 'ioredis';

// Stores all preferences as one JSON document under user:<id>:prefs, as a document database
// would, instead of one key per preference.
export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const key = `user:${userId}:prefs`;
  const stored = JSON.parse((await redis.get(key)) ?? '{}') as Record<string, string>;
  await redis.set(key, JSON.stringify({ ...stored, ...preferences }));
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const stored = JSON.parse((await redis.get(`user:${userId}:prefs`)) ?? '{}') as Record<
    string,
    string
  >;
  return stored[name] ?? null;
}
