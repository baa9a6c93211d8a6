// fails: readPreference reads its one key by name, without searching, reading other keys or writing
// PERSISTs a key it reads when less than a minute is left of its TTL: a read changes nothing.
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
  const key = keyOf(userId, name);
  const value = await redis.get(key);
  if (value !== null) {
    const left = await redis.pttl(key);
    if (left > 0 && left < 60_000) await redis.persist(key);
  }
  return value;
}
