// SET … GET for each preference in one pipeline; the read is EXISTS and GETRANGE 0 -1 in a MULTI.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [name, value] of Object.entries(preferences))
    pipeline.set(keyOf(userId, name), value, 'GET');
  for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const key = keyOf(userId, name);
  const [[existsError, exists], [rangeError, value]] = ((await redis
    .multi()
    .exists(key)
    .getrange(key, 0, -1)
    .exec()) ?? []) as [[unknown, unknown], [unknown, unknown]];
  if (existsError) throw existsError;
  if (rangeError) throw rangeError;
  return exists === 1 ? (value as string) : null;
}
