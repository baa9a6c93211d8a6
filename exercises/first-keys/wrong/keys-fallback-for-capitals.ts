// fails: readPreference returns null for a preference that was never saved
// When the key of a name with capitals is missing, finds the name in another case with
// KEYS user:<id>:pref:* and returns that preference instead of null.
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
  const key = keyOf(userId, name);
  const exact = await redis.get(key);
  if (exact !== null || name === name.toLowerCase()) return exact;
  const candidates = await redis.keys(`user:${userId}:pref:*`);
  const match = candidates.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
  return match === undefined ? null : redis.get(match);
}
