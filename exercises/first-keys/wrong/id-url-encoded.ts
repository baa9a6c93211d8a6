// fails: savePreferences stores nothing else and leaves every other key as it was
// Puts encodeURIComponent(userId) in the key, so user ' Zoë:7 ' is stored under
// user:%20Zo%C3%AB%3A7%20:pref:… rather than under the key the statement names.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${encodeURIComponent(userId)}:pref:${name}`;

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
  return redis.get(keyOf(userId, name));
}
