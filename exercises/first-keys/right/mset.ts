import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

// One MSET writes every preference at once; it needs at least one key, hence the early return.
export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const entries = Object.entries(preferences);
  if (entries.length === 0) return;
  await redis.mset(
    Object.fromEntries(entries.map(([name, value]) => [keyOf(userId, name), value])),
  );
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
