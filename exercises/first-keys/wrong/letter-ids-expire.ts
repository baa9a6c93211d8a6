// fails: savePreferences replaces a preference saved before
// Takes ids that are not all digits for guests and saves their preferences with EX 30 days:
// saved preferences never expire.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;
const GUEST_TTL = 30 * 24 * 3600;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const guest = /\D/.test(userId);
  for (const [name, value] of Object.entries(preferences)) {
    if (guest) await redis.set(keyOf(userId, name), value, 'EX', GUEST_TTL);
    else await redis.set(keyOf(userId, name), value);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
