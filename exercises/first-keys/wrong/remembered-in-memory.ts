// fails: readPreference returns the value Redis holds under user:<id>:pref:<name>
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

// Keeps its own copy of what it saved and answers from that copy: anything another process
// wrote to Redis is invisible to it.
const saved = new Map<string, string>();

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    await redis.set(keyOf(userId, name), value);
    saved.set(keyOf(userId, name), value);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  void redis;
  return saved.get(keyOf(userId, name)) ?? null;
}
