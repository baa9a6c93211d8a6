// fails: readPreference reads its one key by name, without searching, reading other keys or writing
// Reads all of the user's usual preferences with one MGET "to warm up", along with the one asked
// for, and returns that one: it reads keys the call never asked about.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;
const USUAL = ['theme', 'language', 'currency', 'units', 'timezone', 'density'];

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
  const keys = [...USUAL.filter((usual) => usual !== name), name].map((each) =>
    keyOf(userId, each),
  );
  const values = await redis.mget(keys);
  return values[values.length - 1] ?? null;
}
