// MSET inside MULTI (skipped when there is nothing to save); the read is a read-only script, EVAL_RO.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const pairs = Object.entries(preferences).flatMap(([name, value]) => [
    keyOf(userId, name),
    value,
  ]);
  if (pairs.length === 0) return;
  const results = await redis
    .multi()
    .mset(...pairs)
    .exec();
  for (const [error] of results ?? []) if (error) throw error;
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const value = await redis.call(
    'EVAL_RO',
    "return redis.call('GET', KEYS[1])",
    1,
    keyOf(userId, name),
  );
  return typeof value === 'string' ? value : null;
}
