// fails: readPreference reads its one key by name, without searching, reading other keys or writing
// Counts reads of missing preferences with INCR stats:pref-misses: a read writes nothing, even
// when the key is missing.
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
  if (value === null) await redis.incr('stats:pref-misses');
  return value;
}
