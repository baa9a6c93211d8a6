// fails: readPreference returns the value Redis holds under user:<id>:pref:<name>
// Reads the bytes with getBuffer and decodes them as latin1, so 'Zoë' comes back as 'ZoÃ«'.
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
  const bytes = await redis.getBuffer(keyOf(userId, name));
  return bytes === null ? null : bytes.toString('latin1');
}
