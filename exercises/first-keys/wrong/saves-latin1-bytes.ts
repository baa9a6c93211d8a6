// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
// Writes each value as latin1 bytes, so 'é' is stored as the single byte e9, not UTF-8's c3 a9.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    // One byte per character: no surprises with lengths.
    await redis.set(keyOf(userId, name), Buffer.from(value, 'latin1'));
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
