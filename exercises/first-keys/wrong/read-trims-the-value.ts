// fails: readPreference returns the value Redis holds under user:<id>:pref:<name>
// Trims what it reads, so a value held as ' dark\t' comes back as 'dark'.
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
  const value = await redis.get(keyOf(userId, name));
  return value === null ? null : value.trim();
}
