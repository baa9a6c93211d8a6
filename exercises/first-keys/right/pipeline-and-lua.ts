import type Redis from 'ioredis';

function preferenceKey(userId: string, name: string): string {
  return ['user', userId, 'pref', name].join(':');
}

// Every SET queued on one pipeline, sent in one round trip; an empty pipeline sends nothing.
export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const pipeline = redis.pipeline();
  for (const name in preferences)
    pipeline.set(preferenceKey(userId, name), preferences[name] ?? '');
  for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
}

// A script's GET of a missing key answers false, which ioredis turns into null.
export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return (await redis.eval("return redis.call('GET', KEYS[1])", 1, preferenceKey(userId, name))) as
    | string
    | null;
}
