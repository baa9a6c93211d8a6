// fails: savePreferences with no preferences stores nothing and does not fail
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

// One MSET for every preference: but with no preferences, MSET is sent with no keys and Redis
// refuses it.
export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const pairs = Object.entries(preferences).flatMap(([name, value]) => [
    keyOf(userId, name),
    value,
  ]);
  await redis.mset(...pairs);
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
