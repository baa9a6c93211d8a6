// GETSET for each preference, all sent at once with Promise.all (GETSET replaces the value and
// drops any expiry, like SET); the read is an MGET of the one key.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  await Promise.all(
    Object.entries(preferences).map(([name, value]) => redis.getset(keyOf(userId, name), value)),
  );
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const [value = null] = await redis.mget(keyOf(userId, name));
  return value;
}
