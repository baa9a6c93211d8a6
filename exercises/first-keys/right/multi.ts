import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

// All of a user's preferences written together or not at all, in one transaction.
export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const transaction = redis.multi();
  for (const [name, value] of Object.entries(preferences))
    transaction.set(keyOf(userId, name), value);
  await transaction.exec();
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const [value] = await redis.mget(keyOf(userId, name));
  return value ?? null;
}
