import type Redis from 'ioredis';

/** One naming rule for both functions, so that what one writes the other finds. */
function preferenceKey(userId: string, name: string): string {
  return `user:${userId}:pref:${name}`;
}

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    await redis.set(preferenceKey(userId, name), value);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(preferenceKey(userId, name));
}
