import type Redis from 'ioredis';

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  // TODO: for every [name, value] in preferences, SET the key user:<userId>:pref:<name> to value.
  void redis;
  void userId;
  void preferences;
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  // TODO: GET the key user:<userId>:pref:<name> and return what Redis answers (null if missing).
  void redis;
  void userId;
  void name;
  return null;
}
